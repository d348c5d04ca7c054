package gt.enlace.survey.metrics;

import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

/**
 * Delivery latencies kept as counts per bucket, so that a median over any number of events needs bounded state.
 * Latencies from 0 to 15 ms have a bucket each; above, each power of two is cut into 16 equal buckets, so a
 * bucket's lower bound is within 1/16 (6.25%) of any latency in it. The median reported is the lower bound of
 * the bucket holding the lower median (the ⌈n/2⌉-th smallest latency): exact for latencies below 16 ms and for
 * multiples of 2^(e−4) where 2^e ≤ latency &lt; 2^(e+1), e.g. 100, 200, 1000, 1500 ms.
 */
public final class LatencyHistogram {

    private static final int SUB_BUCKETS = 16;
    private static final int SUB_BITS = 4;

    private LatencyHistogram() {
    }

    /** The bucket of a latency; negative latencies (clock skew) count as 0. */
    public static int bucket(long millis) {
        long v = Math.max(0, millis);
        if (v < SUB_BUCKETS) {
            return (int) v;
        }
        int e = 63 - Long.numberOfLeadingZeros(v);
        int sub = (int) ((v >> (e - SUB_BITS)) & (SUB_BUCKETS - 1));
        return SUB_BUCKETS + (e - SUB_BITS) * SUB_BUCKETS + sub;
    }

    /** The lowest latency of a bucket. */
    public static long lowerBound(int bucket) {
        if (bucket < SUB_BUCKETS) {
            return bucket;
        }
        int e = (bucket - SUB_BUCKETS) / SUB_BUCKETS + SUB_BITS;
        int sub = (bucket - SUB_BUCKETS) % SUB_BUCKETS;
        return (long) (SUB_BUCKETS + sub) << (e - SUB_BITS);
    }

    /** The lower median of a histogram, as the lower bound of its bucket; empty for an empty histogram. */
    public static Optional<Long> median(SortedMap<Integer, Long> buckets) {
        long n = buckets.values().stream().mapToLong(Long::longValue).sum();
        if (n == 0) {
            return Optional.empty();
        }
        long rank = (n + 1) / 2;
        long seen = 0;
        for (Map.Entry<Integer, Long> entry : buckets.entrySet()) {
            seen += entry.getValue();
            if (seen >= rank) {
                return Optional.of(lowerBound(entry.getKey()));
            }
        }
        throw new AssertionError("unreachable");
    }
}
