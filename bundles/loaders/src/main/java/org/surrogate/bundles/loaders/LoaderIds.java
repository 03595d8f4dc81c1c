package org.surrogate.bundles.loaders;

/** The stable ids of the loader plugins of this bundle, in one place. */
public final class LoaderIds {

    /** MovieLens 100K {@code u.data}. */
    public static final String MOVIELENS_100K = "movielens-100k";
    /** MovieLens 1M/10M {@code ratings.dat}. */
    public static final String MOVIELENS_DAT = "movielens-dat";
    /** MovieLens latest/20M/25M {@code ratings.csv}. */
    public static final String MOVIELENS_CSV = "movielens-csv";
    /** S3-Rec/ICLRec Amazon sequences. */
    public static final String AMAZON_SEQ = "amazon-seq";
    /** DIGINETICA {@code train-item-views.csv}. */
    public static final String DIGINETICA = "diginetica";
    /** Last.fm HetRec 2011 {@code user_artists.dat}. */
    public static final String LASTFM_HETREC = "lastfm-hetrec";
    /** Generic CSV/TSV with a column mapping. */
    public static final String CSV = "csv";

    private LoaderIds() {
    }
}
