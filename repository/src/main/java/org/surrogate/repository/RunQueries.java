package org.surrogate.repository;

import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.DocValuesType;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.queryparser.flexible.core.QueryNodeException;
import org.apache.lucene.queryparser.flexible.core.QueryNodeParseException;
import org.apache.lucene.queryparser.flexible.standard.StandardQueryParser;
import org.apache.lucene.queryparser.flexible.standard.config.PointsConfig;
import org.apache.lucene.queryparser.flexible.standard.config.StandardQueryConfigHandler;
import org.apache.lucene.queryparser.flexible.standard.parser.ParseException;
import org.apache.lucene.queryparser.flexible.standard.parser.Token;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;

/** Parses the query language and sort keys of {@link SearchRequest} against one index snapshot. */
final class RunQueries {

    private RunQueries() {
    }

    private static final Pattern LEXICAL_COLUMN = Pattern.compile("Lexical error at line \\d+, column (\\d+)");

    /**
     * A syntax error with its position: the parser of Lucene 9.12 leaves the generic position
     * fields unset, but its javacc exception keeps the token at which parsing stopped.
     */
    private static InvalidQueryException syntaxError(String query, ParseException e) {
        Token next = e.currentToken == null ? null : e.currentToken.next;
        int column = 0;
        String what = "syntax error";
        if (next != null) {
            column = next.beginColumn + 1; // javacc counts from 0 here
            if (next.kind == 0) {
                column = query.length() + 1;
                what = "unexpected end of query";
            } else {
                what = "unexpected '" + next.image + "'";
            }
        }
        Set<String> expected = new TreeSet<>();
        if (e.expectedTokenSequences != null && e.tokenImage != null) {
            for (int[] seq : e.expectedTokenSequences) {
                if (seq.length > 0) {
                    expected.add(e.tokenImage[seq[0]]);
                }
            }
        }
        String hint = !expected.isEmpty() && expected.size() <= 6 ? "; expected " + String.join(" or ", expected) : "";
        return new InvalidQueryException(query, column, "invalid query '" + query + "'"
                + (column > 0 ? " at column " + column : "") + ": " + what + hint, e);
    }

    /**
     * Lets a purely negative query ({@code NOT tag:nightly}, also inside parentheses) mean "all
     * runs except": Lucene's boolean query alone would match nothing.
     */
    static Query negationsMatchAll(Query q) {
        if (!(q instanceof BooleanQuery bq)) {
            return q;
        }
        BooleanQuery.Builder b = new BooleanQuery.Builder().setMinimumNumberShouldMatch(bq.getMinimumNumberShouldMatch());
        boolean onlyNegative = !bq.clauses().isEmpty();
        for (BooleanClause c : bq.clauses()) {
            b.add(negationsMatchAll(c.getQuery()), c.getOccur());
            onlyNegative &= c.getOccur() == BooleanClause.Occur.MUST_NOT;
        }
        if (onlyNegative) {
            b.add(new MatchAllDocsQuery(), BooleanClause.Occur.FILTER);
        }
        return b.build();
    }

    /** True for a query that means "every run". */
    static boolean matchesAll(String query) {
        if (query == null) {
            return true;
        }
        String q = query.strip();
        return q.isEmpty() || q.equals("*") || q.equals("*:*");
    }

    /**
     * Parses a query.
     *
     * @param query      the text
     * @param analyzer   the per-field analyzer
     * @param doubles    the numeric fields holding doubles
     * @throws InvalidQueryException on a syntax or value error
     */
    static Query parse(String query, Analyzer analyzer, Set<String> doubles) {
        if (matchesAll(query)) {
            return new MatchAllDocsQuery();
        }
        StandardQueryParser parser = new StandardQueryParser(analyzer);
        parser.setDefaultOperator(StandardQueryConfigHandler.Operator.AND);
        // field:* ("has a value") is useful and the index is small enough for leading wildcards.
        parser.setAllowLeadingWildcard(true);
        Map<String, PointsConfig> points = new HashMap<>();
        PointsConfig doubleConfig = new PointsConfig(new DoubleFormat(), Double.class);
        for (String f : doubles) {
            points.put(f, doubleConfig);
        }
        PointsConfig timeConfig = new PointsConfig(new TimeFormat(), Long.class);
        points.put(RunDocuments.CREATED, timeConfig);
        points.put(RunDocuments.STARTED, timeConfig);
        points.put(RunDocuments.ENDED, timeConfig);
        points.put(RunDocuments.SEED, new PointsConfig(new LongFormat(), Long.class));
        parser.setPointsConfigMap(points);
        try {
            return negationsMatchAll(parser.parse(query, RunDocuments.TEXT));
        } catch (ParseException e) {
            throw syntaxError(query, e);
        } catch (QueryNodeParseException e) {
            // Lexical errors (an unclosed quote) come without a token; their text names the column.
            Matcher m = LEXICAL_COLUMN.matcher(String.valueOf(e.getMessage()));
            int column = m.find() ? Integer.parseInt(m.group(1)) : 0;
            throw new InvalidQueryException(query, column, "invalid query '" + query + "'"
                    + (column > 0 ? " at column " + column : "") + ": " + e.getLocalizedMessage(), e);
        } catch (QueryNodeException e) {
            throw new InvalidQueryException(query, 0, "invalid query '" + query + "': " + e.getLocalizedMessage(), e);
        } catch (IndexSearcher.TooManyClauses e) {
            throw new InvalidQueryException(query, 0, "invalid query '" + query + "': " + e.getMessage()
                    + "; use fewer terms or wildcards", e);
        }
    }

    /**
     * Builds the sort for a request.
     *
     * @param key      the sort key, e.g. {@code -metric.ndcg_10}; null for the default
     * @param matchAll whether the query matches everything (then the default is newest first)
     * @param infos    the fields of the snapshot searched, to refuse sorting by a non-numeric field
     * @throws IllegalArgumentException for an unknown or unsortable key
     */
    static Sort sort(String key, boolean matchAll, FieldInfos infos) {
        SortField tieBreak = new SortField(RunDocuments.ID, SortField.Type.STRING);
        if (key == null || key.isBlank()) {
            return matchAll
                    ? new Sort(longField(RunDocuments.CREATED, true), tieBreak)
                    : new Sort(SortField.FIELD_SCORE, tieBreak);
        }
        String k = key.strip();
        boolean reverse = k.startsWith("-");
        if (reverse || k.startsWith("+")) {
            k = k.substring(1);
        }
        if (k.equals("score")) {
            // Relevance is best-first; "-score" would ask for worst first.
            return new Sort(new SortField(null, SortField.Type.SCORE, reverse), tieBreak);
        }
        if (RunDocuments.LONG_FIELDS.contains(k)) {
            return new Sort(longField(k, reverse), tieBreak);
        }
        if (RunDocuments.SORTABLE_KEYWORDS.contains(k)) {
            SortField f = new SortField(k, SortField.Type.STRING, reverse);
            f.setMissingValue(reverse ? SortField.STRING_FIRST : SortField.STRING_LAST);
            return new Sort(f, tieBreak);
        }
        String field = numericField(k);
        if (field == null) {
            throw new IllegalArgumentException("sort: unknown key '" + key + "'; use metric.<name>, param.<name>, "
                    + "created, started, ended, seed, id, protocol, status, user, experiment or score, "
                    + "with '-' in front for descending");
        }
        FieldInfo fi = infos.fieldInfo(field);
        if (fi != null && fi.getDocValuesType() != DocValuesType.NUMERIC) {
            throw new IllegalArgumentException("sort: '" + key + "' is not a numeric field (its values are text); "
                    + "sort by a numeric parameter or metric");
        }
        SortField f = new SortField(field, SortField.Type.DOUBLE, reverse);
        f.setMissingValue(reverse ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
        return new Sort(f, tieBreak);
    }

    /** {@code metric.NDCG@10} -> {@code metric.ndcg_10}; null if not a metric or parameter key. */
    private static String numericField(String k) {
        for (String prefix : new String[] {RunDocuments.METRIC_PREFIX, RunDocuments.PARAM_PREFIX}) {
            if (k.startsWith(prefix) && k.length() > prefix.length()) {
                return prefix + RunIndex.fieldName(k.substring(prefix.length()));
            }
        }
        return null;
    }

    private static SortField longField(String field, boolean reverse) {
        SortField f = new SortField(field, SortField.Type.LONG, reverse);
        f.setMissingValue(reverse ? Long.MIN_VALUE : Long.MAX_VALUE);
        return f;
    }

    /**
     * Parses a whole string as a double (decimal or scientific), unlike {@link java.text.DecimalFormat},
     * which reads {@code 1e-3} as 1 and ignores the rest.
     */
    static class DoubleFormat extends NumberFormat {
        private static final long serialVersionUID = 1L;

        @Override
        public StringBuffer format(double number, StringBuffer to, FieldPosition pos) {
            return to.append(number);
        }

        @Override
        public StringBuffer format(long number, StringBuffer to, FieldPosition pos) {
            return to.append(number);
        }

        @Override
        public Number parse(String source, ParsePosition pos) {
            String s = source.substring(pos.getIndex()).strip();
            try {
                Number n = convert(s);
                pos.setIndex(source.length());
                return n;
            } catch (IllegalArgumentException | DateTimeParseException e) {
                pos.setErrorIndex(pos.getIndex());
                return null;
            }
        }

        Number convert(String s) {
            return Double.valueOf(s);
        }
    }

    /** Parses a whole string as a long. */
    static final class LongFormat extends DoubleFormat {
        private static final long serialVersionUID = 1L;

        @Override
        Number convert(String s) {
            return Long.valueOf(s);
        }
    }

    /** Parses epoch milliseconds, an ISO-8601 instant or an ISO date (midnight UTC). */
    static final class TimeFormat extends DoubleFormat {
        private static final long serialVersionUID = 1L;

        @Override
        Number convert(String s) {
            if (!s.isEmpty() && (Character.isDigit(s.charAt(0)) || s.charAt(0) == '-') && s.indexOf('T') < 0
                    && s.chars().filter(c -> c == '-').count() < 2) {
                return Long.valueOf(s);
            }
            if (s.length() == 10) {
                return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
            }
            return Instant.parse(s).toEpochMilli();
        }
    }
}
