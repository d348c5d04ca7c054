package gt.enlace.survey.metrics;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The binary form of {@link PeriodMetrics} in the state store and its changelog topic: a format byte
 * ({@value #FORMAT}) then the fields in declaration order. A new field means a new format byte, and the
 * deserializer keeps reading the old ones, because changelog topics written by an earlier version still hold them:
 * format {@value #FORMAT_WITHOUT_SUBSCRIPTIONS} has no subscriptions (read as none), format {@value #FORMAT} adds
 * them after the latency histogram (a count, then each {@code group@topic} in order).
 */
public final class PeriodMetricsSerde implements Serde<PeriodMetrics> {

    /** The format written. */
    public static final byte FORMAT = 2;

    /** The first format, without subscriptions; still read. */
    public static final byte FORMAT_WITHOUT_SUBSCRIPTIONS = 1;

    @Override
    public Serializer<PeriodMetrics> serializer() {
        return (topic, m) -> m == null ? null : write(m);
    }

    @Override
    public Deserializer<PeriodMetrics> deserializer() {
        return (topic, bytes) -> bytes == null ? null : read(bytes);
    }

    /**
     * The stored form. Strings that are plain ASCII (every string the topology writes: catalog codes, period keys,
     * media, bucket numbers) are copied straight into an array of the exact size; any other string makes it take
     * {@link DataOutputStream} throughout. Both give the same bytes.
     */
    static byte[] write(PeriodMetrics m) {
        int size = 1 + asciiLength(m.institution()) + asciiLength(m.periodKey()) + 8 + 8 * 8
                + mapLength(m.manualByMedium()) + mapLength(m.manualByCounterpart()) + mapLength(m.latencyBuckets())
                + setLength(m.subscriptions());
        if (size < 0) {
            return writeWithStreams(m);
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        out.put(FORMAT);
        putAscii(out, m.institution());
        putAscii(out, m.periodKey());
        out.putLong(m.periodStart().toEpochDay());
        out.putLong(m.sdk()).putLong(m.gateway()).putLong(m.csvBridge()).putLong(m.declaredManual())
                .putLong(m.unknownChannel()).putLong(m.deadLettered()).putLong(m.manualDeclarations())
                .putLong(m.manualRecords());
        putMap(out, m.manualByMedium());
        putMap(out, m.manualByCounterpart());
        putMap(out, m.latencyBuckets());
        out.putInt(m.subscriptions().size());
        for (String subscription : sorted(m.subscriptions())) {
            putAscii(out, subscription);
        }
        return out.array();
    }

    /** The set in order, so that the same metrics always have the same bytes. */
    private static Iterable<String> sorted(java.util.Set<String> set) {
        return set.size() < 2 ? set : new java.util.TreeSet<>(set);
    }

    private static int setLength(java.util.Set<String> set) {
        int size = 4;
        for (String s : set) {
            size += asciiLength(s);
            if (size < 0) {
                return Integer.MIN_VALUE / 2;
            }
        }
        return size;
    }

    /** Bytes of {@code writeUTF(text)}, or a large negative number when {@code text} is not plain ASCII. */
    private static int asciiLength(String text) {
        int n = text.length();
        if (n > 65_535) {
            return Integer.MIN_VALUE / 2;
        }
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == 0 || c > 0x7F) {
                return Integer.MIN_VALUE / 2;
            }
        }
        return 2 + n;
    }

    private static int mapLength(Map<?, Long> map) {
        int size = 4;
        for (Object key : map.keySet()) {
            size += (key instanceof Integer i ? 2 + decimalLength(i) : asciiLength((String) key)) + 8;
            if (size < 0) {
                return Integer.MIN_VALUE / 2;
            }
        }
        return size;
    }

    private static void putAscii(ByteBuffer out, String text) {
        int n = text.length();
        out.putShort((short) n);
        for (int i = 0; i < n; i++) {
            out.put((byte) text.charAt(i));
        }
    }

    /** Characters of {@code String.valueOf(i)}. */
    private static int decimalLength(int i) {
        if (i < 0) {
            return Integer.toString(i).length();
        }
        int length = 1;
        for (int rest = i / 10; rest > 0; rest /= 10) {
            length++;
        }
        return length;
    }

    private static void putMap(ByteBuffer out, Map<?, Long> map) {
        out.putInt(map.size());
        for (Map.Entry<?, Long> e : map.entrySet()) {
            if (e.getKey() instanceof Integer i && i >= 0) {
                int length = decimalLength(i);
                out.putShort((short) length);
                int end = out.position() + length;
                for (int at = end - 1, rest = i; at >= end - length; at--, rest /= 10) {
                    out.put(at, (byte) ('0' + rest % 10));
                }
                out.position(end);
            } else {
                putAscii(out, String.valueOf(e.getKey()));
            }
            out.putLong(e.getValue());
        }
    }

    static byte[] writeWithStreams(PeriodMetrics m) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeByte(FORMAT);
            out.writeUTF(m.institution());
            out.writeUTF(m.periodKey());
            out.writeLong(m.periodStart().toEpochDay());
            for (long v : new long[] {m.sdk(), m.gateway(), m.csvBridge(), m.declaredManual(), m.unknownChannel(),
                    m.deadLettered(), m.manualDeclarations(), m.manualRecords()}) {
                out.writeLong(v);
            }
            writeMap(out, m.manualByMedium(), k -> k);
            writeMap(out, m.manualByCounterpart(), k -> k);
            writeMap(out, m.latencyBuckets(), String::valueOf);
            out.writeInt(m.subscriptions().size());
            for (String subscription : sorted(m.subscriptions())) {
                out.writeUTF(subscription);
            }
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static PeriodMetrics read(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte format = in.readByte();
            if (format != FORMAT && format != FORMAT_WITHOUT_SUBSCRIPTIONS) {
                throw new SerializationException("unknown PeriodMetrics format " + format + "; this version reads "
                        + FORMAT_WITHOUT_SUBSCRIPTIONS + " and " + FORMAT);
            }
            String institution = in.readUTF();
            String periodKey = in.readUTF();
            LocalDate start = LocalDate.ofEpochDay(in.readLong());
            long[] v = new long[8];
            for (int i = 0; i < v.length; i++) {
                v[i] = in.readLong();
            }
            SortedMap<String, Long> byMedium = readMap(in, k -> k);
            SortedMap<String, Long> byCounterpart = readMap(in, k -> k);
            SortedMap<Integer, Long> latency = readMap(in, Integer::valueOf);
            java.util.Set<String> subscriptions = new java.util.HashSet<>();
            if (format >= FORMAT) {
                int count = in.readInt();
                for (int i = 0; i < count; i++) {
                    subscriptions.add(in.readUTF());
                }
            }
            return new PeriodMetrics(institution, periodKey, start, v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7],
                    byMedium, byCounterpart, latency, subscriptions);
        } catch (IOException e) {
            throw new SerializationException("cannot read PeriodMetrics: " + e.getMessage(), e);
        }
    }

    private static <K> void writeMap(DataOutputStream out, Map<K, Long> map, Function<K, String> key) throws IOException {
        out.writeInt(map.size());
        for (Map.Entry<K, Long> e : map.entrySet()) {
            out.writeUTF(key.apply(e.getKey()));
            out.writeLong(e.getValue());
        }
    }

    private static <K extends Comparable<K>> SortedMap<K, Long> readMap(DataInputStream in, Function<String, K> key)
            throws IOException {
        int size = in.readInt();
        SortedMap<K, Long> map = new TreeMap<>();
        for (int i = 0; i < size; i++) {
            map.put(key.apply(in.readUTF()), in.readLong());
        }
        return map;
    }
}
