package org.surrogate.bundles.loaders;

import org.surrogate.api.plugin.PaperReference;

/** The publications that describe the datasets the loaders read, cited in their descriptors. */
final class DatasetCitations {

    /** MovieLens 100K, 1M, 10M, 20M, 25M and latest. */
    static final PaperReference MOVIELENS = new PaperReference("F. Maxwell Harper and Joseph A. Konstan, "
            + "The MovieLens Datasets: History and Context, ACM TiiS 5(4), 2015", "https://doi.org/10.1145/2827872");

    /** The S3-Rec preprocessing of the Amazon review data. */
    static final PaperReference S3REC = new PaperReference("Kun Zhou et al., S3-Rec: Self-Supervised Learning for "
            + "Sequential Recommendation with Mutual Information Maximization, CIKM 2020 (data: J. McAuley et al., "
            + "Image-based Recommendations on Styles and Substitutes, SIGIR 2015)",
            "https://github.com/RUCAIBox/CIKM2020-S3Rec");

    /** DIGINETICA, as used by SR-GNN. */
    static final PaperReference DIGINETICA = new PaperReference("CIKM Cup 2016 personalized e-commerce search "
            + "challenge (DIGINETICA); as used in Shu Wu et al., Session-based Recommendation with Graph Neural "
            + "Networks, AAAI 2019", "https://competitions.codalab.org/competitions/11161");

    /** Last.fm HetRec 2011. */
    static final PaperReference HETREC = new PaperReference("Ivan Cantador, Peter Brusilovsky and Tsvi Kuflik, "
            + "2nd Workshop on Information Heterogeneity and Fusion in Recommender Systems (HetRec 2011), "
            + "RecSys 2011", "https://grouplens.org/datasets/hetrec-2011/");

    private DatasetCitations() {
    }
}
