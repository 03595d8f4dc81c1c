package org.surrogate.repository;

import java.io.IOException;
import java.util.Locale;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.DelegatingAnalyzerWrapper;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * The analyzers of the run index: {@link StandardAnalyzer} for the full-text field, the whole
 * input as one token for keyword fields (lower-cased for {@code status}), so that a query such as
 * {@code plugin:item-cosine} matches the indexed keyword exactly instead of being split.
 */
final class RunAnalyzers extends Analyzer {

    private final boolean lowerCase;

    private RunAnalyzers(boolean lowerCase) {
        this.lowerCase = lowerCase;
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        Tokenizer t = new WholeInputTokenizer();
        return new TokenStreamComponents(t, lowerCase ? new LowerCaseFilter(t) : t);
    }

    @Override
    protected TokenStream normalize(String fieldName, TokenStream in) {
        return lowerCase ? new LowerCaseFilter(in) : in;
    }

    /**
     * The analyzer used both to index the text field and to parse queries.
     *
     * @return a per-field analyzer
     */
    static Analyzer perField() {
        Analyzer standard = new StandardAnalyzer();
        Analyzer keyword = new RunAnalyzers(false);
        Analyzer lower = new RunAnalyzers(true);
        return new DelegatingAnalyzerWrapper(Analyzer.PER_FIELD_REUSE_STRATEGY) {
            @Override
            protected Analyzer getWrappedAnalyzer(String fieldName) {
                if (RunDocuments.TEXT.equals(fieldName)) {
                    return standard;
                }
                return RunDocuments.STATUS.equals(fieldName) ? lower : keyword;
            }
        };
    }

    /** Lower-cases a keyword value the way {@code status} is indexed. */
    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    /** Emits the whole input as a single token. */
    private static final class WholeInputTokenizer extends Tokenizer {
        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
        private final OffsetAttribute offset = addAttribute(OffsetAttribute.class);
        private boolean done;
        private int length;

        @Override
        public boolean incrementToken() throws IOException {
            if (done) {
                return false;
            }
            clearAttributes();
            done = true;
            length = 0;
            char[] buf = term.buffer();
            while (true) {
                int n = input.read(buf, length, buf.length - length);
                if (n == -1) {
                    break;
                }
                length += n;
                if (length == buf.length) {
                    buf = term.resizeBuffer(1 + length);
                }
            }
            term.setLength(length);
            offset.setOffset(correctOffset(0), correctOffset(length));
            return true;
        }

        @Override
        public void end() throws IOException {
            super.end();
            offset.setOffset(correctOffset(length), correctOffset(length));
        }

        @Override
        public void reset() throws IOException {
            super.reset();
            done = false;
            length = 0;
        }
    }
}
