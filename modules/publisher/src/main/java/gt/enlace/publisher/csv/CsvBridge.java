package gt.enlace.publisher.csv;

import gt.enlace.bus.headers.Channel;
import gt.enlace.publisher.EventPublisher;
import gt.enlace.publisher.PublishError;
import gt.enlace.publisher.PublishException;
import gt.enlace.publisher.PublishOptions;
import gt.enlace.publisher.PublishReceipt;
import gt.enlace.publisher.json.JsonRecordMapper;
import gt.enlace.publisher.json.TextRowMapper;
import gt.enlace.publisher.validation.Violation;
import gt.enlace.publisher.validation.ViolationCodes;
import gt.enlace.schemas.catalog.TopicDefinition;
import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import org.apache.avro.generic.IndexedRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CSV bridge: publishes the rows of a spreadsheet saved as CSV, for institutions whose exchanges are still
 * manual. It streams the file (memory does not grow with the number of rows), maps the header to the topic's fields
 * ({@link CsvColumns}), maps each row's cells straight to a record with a {@link TextRowMapper} compiled once per file
 * (the rules and messages of {@link JsonRecordMapper#lenientText()}), validates it like the SDK does,
 * publishes valid rows with {@code ce_channel=csv-bridge}, and writes each rejected row to a rejects file with its
 * row number, column and reason.
 *
 * <p><b>No duplicates on re-runs.</b> Each row's {@code ce_id} is a name-based UUID of the topic, the file's SHA-256
 * and the row number ({@link CsvEventIds}). Rows are sent in chunks of {@link CsvOptions#chunkRows()}; once every row
 * of a chunk is acknowledged, a progress marker {@code (topic, sha256) -> last row done} is stored on a compacted topic
 * ({@link KafkaCsvProgressStore}), with the topic's offsets from which any later row of the file can be found. A run
 * also stores a "started" marker, with the topic's end offsets, before it sends its first row. A run first reads the
 * marker: after a complete one it publishes nothing; after an unfinished one (the run was cut short) it reads the
 * topic's headers from the marker's offsets up to the current end, skips the rows Kafka already has (their
 * {@code ce_id}s are there) and publishes only the missing ones, so every row is in the topic once. Only chunks are
 * in flight, one at a time: rows after a marker are sent once every row up to it is acknowledged, so they all lie after
 * the marker's offsets. The scan is skipped, with a warning that rows acknowledged before the interruption may go
 * twice (same {@code ce_id}, which consumers deduplicate on), when it cannot be done: a marker of an older version
 * without offsets, records deleted by retention since the marker, a store that cannot read topics
 * ({@link CsvProgressStore#inMemory()}). A changed file is a new file (new SHA-256).
 *
 * <p>Errors of the whole file (not a CSV, an unknown header, Kafka unreachable) are {@link CsvFileException}s;
 * rows never throw.
 */
public final class CsvBridge {

    private static final long PROGRESS_EVERY_NANOS = Duration.ofMillis(500).toNanos();

    private static final Logger log = LoggerFactory.getLogger(CsvBridge.class);

    private final EventPublisher publisher;
    private final CsvProgressStore progress;

    public CsvBridge(EventPublisher publisher, CsvProgressStore progress) {
        this.publisher = Objects.requireNonNull(publisher, "'publisher' cannot be null");
        this.progress = Objects.requireNonNull(progress, "'progress' cannot be null");
    }

    private record Pending(long row, long line, List<String> cells, CompletableFuture<PublishReceipt> ack) {
    }

    /**
     * Publishes one file.
     *
     * @param listener receives a {@link CsvProgress} about twice a second, and once at the end
     * @throws CsvFileException when the file cannot be published at all; rows acknowledged before it stay published
     *                          and a re-run resumes after the last progress marker
     */
    public CsvResult publish(Path file, CsvOptions options, Consumer<CsvProgress> listener) {
        long started = System.nanoTime();
        TopicDefinition topic;
        try {
            topic = publisher.ownedTopic(options.topic());
        } catch (PublishException e) {
            throw new CsvFileException(e.getMessage());
        }
        FileFacts facts = scan(file);
        Charset charset = options.charset() != null ? options.charset() : facts.detectedCharset();
        Path rejectsPath = options.rejectsFileFor(file);
        Optional<CsvProgressStore.Marker> marker = progress.find(topic.name(), facts.sha256());
        long resumeAfter = marker.map(CsvProgressStore.Marker::rowsDone).orElse(0L);
        long previouslyPublished = marker.map(CsvProgressStore.Marker::published).orElse(0L);
        boolean interrupted = marker.isPresent() && !marker.get().complete();
        try (CountingInputStream bytes = new CountingInputStream(Files.newInputStream(file))) {
            bytes.skipNBytes(options.charset() == null || facts.bom() != null && facts.bom().equals(charset) ? facts.bomLength() : 0);
            BufferedReader reader = new BufferedReader(new InputStreamReader(bytes, charset), 64 * 1024);
            char delimiter = options.delimiter() != null ? options.delimiter() : detectDelimiter(reader);
            CsvTokenizer tokenizer = new CsvTokenizer(reader, delimiter, options.maxFieldChars());
            CsvTokenizer.CsvRecord headerRecord = tokenizer.next();
            if (headerRecord == null || headerRecord.blank()) {
                throw new CsvFileException(file + " is empty: expected a header row naming the columns, then one row per event");
            }
            List<String> header = headerRecord.fields().stream().map(h -> h.replace("\uFEFF", "").strip()).toList();
            CsvColumns columns = CsvColumns.map(header, topic.schema(), options.columnMap(), options.ignoreUnknownColumns());
            TextRowMapper mapper = columns.rowMapper(JsonRecordMapper.lenientText(), topic.schema());
            Files.deleteIfExists(rejectsPath);

            ResumeState resume = resumeState(topic.name(), marker);
            String warning = resume.warning();
            if (warning != null) {
                log.warn("{}: {}", file.getFileName(), warning);
            }
            Map<Integer, Long> startOffsets = resume.offsets();
            if (startOffsets != null) {
                // Before the first row goes: a run cut short before its first chunk marker is resumed without duplicates too.
                progress.save(new CsvProgressStore.Marker(topic.name(), facts.sha256(), file.getFileName().toString(),
                    resumeAfter, false, previouslyPublished, 0, Instant.now().toString(), startOffsets));
            }

            LongFunction<String> eventIds = CsvEventIds.forFile(topic.name(), facts.sha256());
            long rowsRead = 0;
            long published = 0;
            long already = 0;
            long rejected = 0;
            long lastProgress = System.nanoTime();
            List<Pending> pending = new ArrayList<>();
            PublishOptions csvBridge = PublishOptions.defaults().withChannel(Channel.CSV_BRIDGE);
            RowReader rowReader = new RowReader(tokenizer, header, mapper, options.maxFieldChars(), eventIds,
                resumeAfter, publisherValidation(topic.name(), resumeAfter));
            try (RejectsWriter rejects = new RejectsWriter(rejectsPath, delimiter, header)) {
                rowReader.start();
                long lastRow = headerRecord.number();
                List<ReadRow> batch;
                while ((batch = rowReader.nextBatch()) != null) {
                    for (ReadRow read : batch) {
                        CsvTokenizer.CsvRecord row = read.row();
                        lastRow = row.number();
                        if (read.blank()) {
                            continue;
                        }
                        rowsRead++;
                        IndexedRecord record = read.record();
                        List<Violation> violations = read.violations();
                        if (!violations.isEmpty()) {
                            rejected++;
                            for (Violation v : violations) {
                                rejects.write(row.number(), row.line(), columnOf(v, columns), v.code(), v.message(), row.fields());
                            }
                        } else if (row.number() <= resumeAfter || resume.alreadySent(read.eventId())) {
                            List<Violation> invalid = read.invalid();
                            if (invalid.isEmpty()) {
                                already++;
                            } else {
                                rejected++;
                                for (Violation v : invalid) {
                                    rejects.write(row.number(), row.line(), columnOf(v, columns), v.code(), v.message(), row.fields());
                                }
                            }
                        } else {
                            PublishOptions publishOptions = csvBridge.withEventId(read.eventId());
                            // The reader thread validated the record as publish() would; an invalid one is refused by publish() itself.
                            CompletableFuture<PublishReceipt> ack = read.invalid().isEmpty()
                                ? publisher.publishValidated(topic.name(), record, publishOptions)
                                : publisher.publish(topic.name(), record, publishOptions);
                            Pending sent = new Pending(row.number(), row.line(), row.fields(), ack);
                            if (sent.ack().isCompletedExceptionally()) {
                                // Refused before sending (the SDK's validation): reject it now, in row order.
                                if (acknowledged(sent, rejects, columns)) {
                                    published++;
                                } else {
                                    rejected++;
                                }
                            } else {
                                pending.add(sent);
                            }
                        }
                        if (pending.size() >= options.chunkRows()) {
                            long[] counts = settle(pending, rejects, columns, resume);
                            published += counts[0];
                            rejected += counts[1];
                            progress.save(new CsvProgressStore.Marker(topic.name(), facts.sha256(), file.getFileName().toString(),
                                row.number(), false, previouslyPublished + resume.found() + published, rejected,
                                Instant.now().toString(), resume.offsets()));
                        }
                    }
                    if (System.nanoTime() - lastProgress > PROGRESS_EVERY_NANOS) {
                        lastProgress = System.nanoTime();
                        listener.accept(new CsvProgress(rowsRead, published + pending.size(), already, rejected, bytes.count(),
                            facts.size(), Duration.ofNanos(System.nanoTime() - started)));
                    }
                }
                long[] counts = settle(pending, rejects, columns, resume);
                published += counts[0];
                rejected += counts[1];
                progress.save(new CsvProgressStore.Marker(topic.name(), facts.sha256(), file.getFileName().toString(),
                    Math.max(lastRow, resumeAfter), true, previouslyPublished + resume.found() + published, rejected,
                    Instant.now().toString()));
                Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
                listener.accept(new CsvProgress(rowsRead, published, already, rejected, facts.size(), facts.size(), elapsed));
                return new CsvResult(file, facts.sha256(), charset, delimiter, rowsRead, published, already, rejected,
                    rejects.opened() ? rejectsPath : null, elapsed, interrupted, interrupted ? Math.max(resumeAfter, 1) : 0,
                    resume.found(), warning);
            } finally {
                rowReader.stop();
            }
        } catch (CsvTokenizer.UnterminatedQuoteException e) {
            throw new CsvFileException(file + ": " + e.getMessage() + "; rows before it were published, fix the quote and re-run");
        } catch (IOException e) {
            throw new CsvFileException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** What this run knows of the rows after the marker that Kafka has: for an unfinished marker, from a scan of the topic. */
    private ResumeState resumeState(String topic, Optional<CsvProgressStore.Marker> marker) {
        if (marker.isPresent() && marker.get().complete()) {
            return ResumeState.from(null, null);
        }
        if (marker.isEmpty()) {
            return ResumeState.from(progress.endOffsets(topic).orElse(null), null);
        }
        long rowsDone = marker.get().rowsDone();
        if (marker.get().offsets() == null) {
            return ResumeState.from(progress.endOffsets(topic).orElse(null), "the progress marker of this file has no topic "
                + "offsets (written by an older version, or the store could not read " + topic + "): rows after row " + rowsDone
                + " that Kafka acknowledged before the interruption may be published again, with the same ce_id");
        }
        CsvProgressStore.TopicScan scan = progress.csvBridgeEvents(topic, marker.get().offsets());
        if (scan.unavailable() != null) {
            return ResumeState.from(progress.endOffsets(topic).orElse(null), "cannot tell which rows after row " + rowsDone
                + " Kafka already has (" + scan.unavailable() + "): those acknowledged before the interruption may be "
                + "published again, with the same ce_id");
        }
        return ResumeState.scanned(scan);
    }

    private static IndexedRecord mapRow(CsvTokenizer.CsvRecord row, List<String> header, TextRowMapper mapper,
                                        List<Violation> violations, int maxFieldChars) {
        if (row.oversizedColumn() >= 0) {
            String column = row.oversizedColumn() < header.size() ? header.get(row.oversizedColumn()) : "#" + (row.oversizedColumn() + 1);
            violations.add(new Violation("$", ViolationCodes.TOO_LARGE, "column '" + column + "' has a cell longer than the limit of "
                + maxFieldChars + " characters"));
            return null;
        }
        if (row.fieldCount() > header.size()) {
            boolean extraContent = row.fields().subList(Math.min(header.size(), row.fields().size()), row.fields().size())
                .stream().anyMatch(s -> !s.isBlank());
            if (extraContent || row.fieldCount() > row.fields().size()) {
                violations.add(new Violation("$", "TOO_MANY_CELLS", "the row has " + row.fieldCount() + " cells but the header has "
                    + header.size() + " columns; is a cell missing its quotes, or a delimiter inside a value?"));
                return null;
            }
        }
        for (int i = 0; i < row.fields().size(); i++) {
            if (row.fields().get(i).indexOf('\uFFFD') >= 0) {
                String column = i < header.size() ? header.get(i) : "#" + (i + 1);
                violations.add(new Violation("$", ViolationCodes.INVALID_TEXT, "column '" + column + "' has bytes that are not valid "
                    + "in the file's encoding; save the file as \"CSV UTF-8\" or pass the right --encoding"));
                return null;
            }
        }
        JsonRecordMapper.Result result = mapper.map(row.fields());
        if (!result.ok()) {
            violations.addAll(result.violations());
            return null;
        }
        // The bus's rules (identifiers, geography) are checked by EventPublisher.publish itself.
        return result.record();
    }

    /** A row as the reader thread left it: mapped (or its violations), with its event id when it is to be published. */
    private record ReadRow(CsvTokenizer.CsvRecord row, boolean blank, IndexedRecord record, List<Violation> violations,
                           List<Violation> invalid, String eventId) {
    }

    /** Validation on the reader thread: rows already published are always checked, as before; others as publish() would. */
    private RowValidation publisherValidation(String topic, long resumeAfter) {
        boolean validates = publisher.validates();
        return (row, record) -> validates || row <= resumeAfter ? publisher.validate(topic, record) : List.of();
    }

    /** The violations of a mapped row: those {@link EventPublisher#publish} would find, or of a resumed row, all. */
    @FunctionalInterface
    private interface RowValidation {
        List<Violation> violations(long row, IndexedRecord record);
    }


    /**
     * Tokenizes and maps rows on its own thread, {@value #BATCH_ROWS} rows at a time, while the calling thread
     * publishes the ones before: the batches come out in file order, and a read failure comes out where it happened,
     * after every row before it. At most {@value #BATCHES_AHEAD} batches wait, so memory stays bounded.
     */
    private static final class RowReader {
        static final int BATCH_ROWS = 256;
        static final int BATCHES_AHEAD = 16;
        private static final Object END = new Object();

        private final CsvTokenizer tokenizer;
        private final List<String> header;
        private final TextRowMapper mapper;
        private final int maxFieldChars;
        private final LongFunction<String> eventIds;
        private final long resumeAfter;
        private final RowValidation validator;
        private final BlockingQueue<Object> batches = new ArrayBlockingQueue<>(BATCHES_AHEAD);
        private final Thread thread;
        private volatile boolean stopped;
        private boolean ended;

        RowReader(CsvTokenizer tokenizer, List<String> header, TextRowMapper mapper, int maxFieldChars,
                  LongFunction<String> eventIds, long resumeAfter, RowValidation validator) {
            this.validator = validator;
            this.tokenizer = tokenizer;
            this.header = header;
            this.mapper = mapper;
            this.maxFieldChars = maxFieldChars;
            this.eventIds = eventIds;
            this.resumeAfter = resumeAfter;
            this.thread = new Thread(this::run, "enlace-csv-reader");
            thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        /** The next rows in file order; null at the end of the file. */
        @SuppressWarnings("unchecked")
        List<ReadRow> nextBatch() throws IOException {
            if (ended) {
                return null;
            }
            Object next;
            try {
                next = batches.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CsvFileException("interrupted while reading the file", e);
            }
            if (next == END) {
                ended = true;
                return null;
            }
            if (next instanceof IOException e) {
                ended = true;
                throw e;
            }
            if (next instanceof RuntimeException e) {
                ended = true;
                throw e;
            }
            if (next instanceof Error e) {
                ended = true;
                throw e;
            }
            return (List<ReadRow>) next;
        }

        /** Stops the thread (the caller is done, or failed) and waits for it to leave the file. */
        void stop() {
            stopped = true;
            thread.interrupt();
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void run() {
            List<ReadRow> batch = new ArrayList<>(BATCH_ROWS);
            try {
                CsvTokenizer.CsvRecord row;
                while (!stopped && (row = tokenizer.next()) != null) {
                    batch.add(read(row));
                    if (batch.size() == BATCH_ROWS) {
                        if (!hand(batch)) {
                            return;
                        }
                        batch = new ArrayList<>(BATCH_ROWS);
                    }
                }
                if (!batch.isEmpty() && !hand(batch)) {
                    return;
                }
                hand(END);
            } catch (IOException | RuntimeException | Error e) {
                // The rows read before the failure are published first, as when reading on the caller's thread.
                if (batch.isEmpty() || hand(batch)) {
                    hand(e);
                }
            }
        }

        private ReadRow read(CsvTokenizer.CsvRecord row) {
            if (row.blank()) {
                return new ReadRow(row, true, null, List.of(), List.of(), null);
            }
            List<Violation> violations = new ArrayList<>();
            IndexedRecord record = mapRow(row, header, mapper, violations, maxFieldChars);
            if (!violations.isEmpty()) {
                return new ReadRow(row, false, record, violations, List.of(), null);
            }
            // The bus's rules (identifiers, geography), as EventPublisher.publish checks them.
            List<Violation> invalid = validator.violations(row.number(), record);
            String eventId = row.number() > resumeAfter ? eventIds.apply(row.number()) : null;
            return new ReadRow(row, false, record, violations, invalid, eventId);
        }

        /** Queues an item; false when the caller stopped listening. */
        private boolean hand(Object item) {
            try {
                while (!stopped) {
                    if (batches.offer(item, 100, TimeUnit.MILLISECONDS)) {
                        return true;
                    }
                }
            } catch (InterruptedException e) {
                // stopped
            }
            return false;
        }
    }

    private static String columnOf(Violation v, CsvColumns columns) {
        if ("$".equals(v.path())) {
            int start = v.message().indexOf("column '");
            if (start >= 0) {
                int end = v.message().indexOf('\'', start + 8);
                return v.message().substring(start + 8, end);
            }
            return "";
        }
        return columns.columnFor(v.path());
    }

    /** Waits for every pending acknowledgement; returns {published, rejected}. */
    private long[] settle(List<Pending> pending, RejectsWriter rejects, CsvColumns columns, ResumeState resume) throws IOException {
        long published = 0;
        long rejected = 0;
        for (Pending p : pending) {
            if (acknowledged(p, rejects, columns)) {
                resume.acknowledged(p.ack().join());
                published++;
            } else {
                rejected++;
            }
        }
        pending.clear();
        return new long[] {published, rejected};
    }

    /**
     * Waits for one acknowledgement: true when published, false when the row was refused (written to the rejects).
     *
     * @throws CsvFileException when Kafka or the registry failed, which no row can fix
     */
    private boolean acknowledged(Pending p, RejectsWriter rejects, CsvColumns columns) throws IOException {
        try {
            p.ack().join();
            return true;
        } catch (CompletionException e) {
            PublishException failure = e.getCause() instanceof PublishException pe ? pe
                : new PublishException(PublishError.KAFKA_REJECTED, null, String.valueOf(e.getCause()));
            if (failure.error().retriable() || failure.error() == PublishError.KAFKA_REJECTED || failure.error() == PublishError.CLOSED) {
                throw new CsvFileException("row " + p.row() + " could not be published (" + failure.error().code() + "): "
                    + failure.getMessage() + ". Rows up to the last progress marker are safe; re-run the same command "
                    + "to resume without duplicates", failure);
            }
            List<Violation> violations = failure.violations().isEmpty()
                ? List.of(new Violation("$", failure.error().code(), failure.getMessage())) : failure.violations();
            for (Violation v : violations) {
                rejects.write(p.row(), p.line(), columnOf(v, columns), v.code(), v.message(), p.cells());
            }
            return false;
        }
    }

    private static FileFacts scan(Path file) {
        FileFacts facts;
        try {
            facts = FileFacts.scan(file);
        } catch (NoSuchFileException e) {
            throw new CsvFileException(file + " does not exist");
        } catch (IOException e) {
            throw new CsvFileException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (facts.binary() != null) {
            throw new CsvFileException(file + " is not a CSV file: " + facts.binary());
        }
        if (facts.size() <= facts.bomLength()) {
            throw new CsvFileException(file + " is empty: expected a header row naming the columns, then one row per event");
        }
        return facts;
    }

    /** Picks the delimiter that occurs most often outside quotes in the first line: {@code ,} {@code ;} tab or {@code |}. */
    static char detectDelimiter(BufferedReader reader) throws IOException {
        int limit = 1 << 20;
        reader.mark(limit);
        int[] counts = new int[4];
        char[] candidates = {',', ';', '\t', '|'};
        boolean quoted = false;
        int c;
        int read = 0;
        while ((c = reader.read()) >= 0 && ++read < limit) {
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '\n' || c == '\r')) {
                break;
            } else if (!quoted) {
                for (int i = 0; i < candidates.length; i++) {
                    if (c == candidates[i]) {
                        counts[i]++;
                    }
                }
            }
        }
        reader.reset();
        int best = 0;
        for (int i = 1; i < counts.length; i++) {
            if (counts[i] > counts[best]) {
                best = i;
            }
        }
        return candidates[best];
    }

    /** Counts the bytes read, for the progress bar. */
    private static final class CountingInputStream extends FilterInputStream {
        /** Written by the reader thread, read for the progress bar by the publishing one. */
        private volatile long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        long count() {
            return count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
