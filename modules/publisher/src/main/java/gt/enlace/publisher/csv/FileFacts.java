package gt.enlace.publisher.csv;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What one streaming pass over a file tells before it is parsed: its SHA-256 (the basis of the CSV bridge's event
 * ids), its byte-order mark, whether it is valid UTF-8, and whether it looks binary (NUL bytes, a ZIP such as an
 * {@code .xlsx}). Reads the file in 64 KiB blocks; memory does not grow with its size.
 *
 * @param sha256    lower-case hex SHA-256 of the whole file
 * @param size      bytes
 * @param bom       the charset its byte-order mark announces, or null when it has none
 * @param bomLength bytes of the byte-order mark, 0 when none
 * @param validUtf8 whether the bytes after any BOM are valid UTF-8
 * @param binary    a reason the file is not text (e.g. "it is a ZIP archive, such as an .xlsx workbook"), or null
 */
public record FileFacts(String sha256, long size, Charset bom, int bomLength, boolean validUtf8, String binary) {

    /** Windows-1252, what Excel on Windows writes for "CSV" in Spanish locales. */
    public static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    /** Scans a file. */
    public static FileFacts scan(Path file) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        Utf8Check utf8 = new Utf8Check();
        String binary = null;
        Charset bom = null;
        int bomLength = 0;
        long size = 0;
        byte[] block = new byte[64 * 1024];
        boolean first = true;
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.readNBytes(block, 0, block.length)) > 0) {
                sha.update(block, 0, n);
                size += n;
                int start = 0;
                if (first) {
                    first = false;
                    if (n >= 3 && (block[0] & 0xFF) == 0xEF && (block[1] & 0xFF) == 0xBB && (block[2] & 0xFF) == 0xBF) {
                        bom = StandardCharsets.UTF_8;
                        bomLength = 3;
                    } else if (n >= 2 && (block[0] & 0xFF) == 0xFF && (block[1] & 0xFF) == 0xFE) {
                        bom = StandardCharsets.UTF_16LE;
                        bomLength = 2;
                    } else if (n >= 2 && (block[0] & 0xFF) == 0xFE && (block[1] & 0xFF) == 0xFF) {
                        bom = StandardCharsets.UTF_16BE;
                        bomLength = 2;
                    } else if (n >= 4 && block[0] == 'P' && block[1] == 'K' && block[2] == 3 && block[3] == 4) {
                        binary = "it is a ZIP archive, such as an Excel .xlsx workbook; save it as \"CSV UTF-8\" first";
                    } else if (n >= 8 && (block[0] & 0xFF) == 0xD0 && (block[1] & 0xFF) == 0xCF) {
                        binary = "it is an old Excel .xls workbook; save it as \"CSV UTF-8\" first";
                    } else if (n >= 4 && block[0] == '%' && block[1] == 'P' && block[2] == 'D' && block[3] == 'F') {
                        binary = "it is a PDF document, not a CSV file";
                    }
                    start = bomLength;
                }
                if (bom == null || bom == StandardCharsets.UTF_8) {
                    for (int i = start; i < n && binary == null; i++) {
                        if (block[i] == 0) {
                            binary = "it contains NUL bytes, so it is a binary file, not CSV text";
                        }
                    }
                }
                if (bom == null || bom == StandardCharsets.UTF_8) {
                    utf8.update(block, start, n);
                }
            }
        }
        return new FileFacts(HexFormat.of().formatHex(sha.digest()), size, bom, bomLength, utf8.wellFormed(), binary);
    }

    /**
     * Checks that bytes, fed block by block, are well-formed UTF-8 (the Unicode standard's table 3-7, what Java's
     * decoder accepts: no overlong forms, no surrogates, nothing past U+10FFFF) without decoding them.
     */
    static final class Utf8Check {
        private boolean valid = true;
        /** Continuation bytes still expected. */
        private int need;
        /** Range of the next continuation byte; only the first after a lead byte may be narrower than 80..BF. */
        private int low = 0x80;
        private int high = 0xBF;

        void update(byte[] bytes, int from, int to) {
            int need = this.need;
            int low = this.low;
            int high = this.high;
            for (int i = from; i < to && valid; i++) {
                int b = bytes[i] & 0xFF;
                if (need == 0) {
                    if (b < 0x80) {
                        continue;
                    }
                    low = 0x80;
                    high = 0xBF;
                    if (b >= 0xC2 && b <= 0xDF) {
                        need = 1;
                    } else if (b == 0xE0) {
                        need = 2;
                        low = 0xA0;
                    } else if (b == 0xED) {
                        need = 2;
                        high = 0x9F;
                    } else if (b >= 0xE1 && b <= 0xEF) {
                        need = 2;
                    } else if (b == 0xF0) {
                        need = 3;
                        low = 0x90;
                    } else if (b >= 0xF1 && b <= 0xF3) {
                        need = 3;
                    } else if (b == 0xF4) {
                        need = 3;
                        high = 0x8F;
                    } else {
                        valid = false;
                    }
                } else if (b < low || b > high) {
                    valid = false;
                } else {
                    need--;
                    low = 0x80;
                    high = 0xBF;
                }
            }
            this.need = need;
            this.low = low;
            this.high = high;
        }

        /** Whether every byte so far was well-formed and no sequence is left unfinished. */
        boolean wellFormed() {
            return valid && need == 0;
        }
    }

    /** The charset to read the file with when none is given: the BOM's, else UTF-8 when valid, else Windows-1252. */
    public Charset detectedCharset() {
        if (bom != null) {
            return bom;
        }
        return validUtf8 ? StandardCharsets.UTF_8 : WINDOWS_1252;
    }
}
