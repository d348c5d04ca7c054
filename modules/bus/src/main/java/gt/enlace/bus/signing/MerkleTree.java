package gt.enlace.bus.signing;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A binary SHA-256 Merkle tree over a batch of events, hashed as in RFC 6962 (Certificate Transparency) so that a
 * leaf can never be passed off as an inner node:
 *
 * <pre>
 * leaf = SHA-256(0x00 || canonical form of the event)
 * node = SHA-256(0x01 || left || right)
 * </pre>
 *
 * <p>Built level by level from the leaves in batch order: nodes {@code 2i} and {@code 2i+1} of a level make node
 * {@code i} of the next; a last node without a right sibling moves up unchanged. (This is RFC 6962's tree for any
 * size.) The audit path of leaf {@code index} lists, from the bottom, the sibling at each level where there is one;
 * {@link #rootFromPath} walks it back up:
 *
 * <pre>
 * h = leaf; i = index; n = size; k = 0
 * while n &gt; 1:
 *     if i is odd:           h = node(path[k++], h)
 *     else if i + 1 &lt; n:     h = node(h, path[k++])
 *     (else: h moves up unchanged)
 *     i = i / 2; n = (n + 1) / 2
 * valid when every path hash was used (k == path length) and h is the signed root
 * </pre>
 *
 * <p>Instances are immutable once built.
 */
public final class MerkleTree {

    /** Bytes in a hash. */
    public static final int HASH_SIZE = 32;
    /** The largest batch a signature header may describe (a path of at most 16 hashes). */
    public static final int MAX_SIZE = 1 << 16;

    private static final byte LEAF = 0x00;
    private static final byte NODE = 0x01;

    /** levels[0] are the leaves; the last level is the root alone. */
    private final List<byte[][]> levels;

    /**
     * @param leaves the leaf hashes ({@link #leafHash}), in batch order; at least one, at most {@link #MAX_SIZE}
     */
    public MerkleTree(List<byte[]> leaves) {
        Objects.requireNonNull(leaves, "'leaves' cannot be null");
        if (leaves.isEmpty() || leaves.size() > MAX_SIZE) {
            throw new IllegalArgumentException("a Merkle tree has 1 to " + MAX_SIZE + " leaves, not " + leaves.size());
        }
        MessageDigest sha256 = sha256();
        levels = new ArrayList<>();
        byte[][] level = leaves.toArray(new byte[0][]);
        for (byte[] leaf : level) {
            if (leaf == null || leaf.length != HASH_SIZE) {
                throw new IllegalArgumentException("a leaf hash has " + HASH_SIZE + " bytes");
            }
        }
        levels.add(level);
        while (level.length > 1) {
            byte[][] up = new byte[(level.length + 1) / 2][];
            for (int i = 0; i < up.length; i++) {
                up[i] = 2 * i + 1 < level.length ? nodeHash(sha256, level[2 * i], level[2 * i + 1]) : level[2 * i];
            }
            levels.add(up);
            level = up;
        }
    }

    /** The number of leaves. */
    public int size() {
        return levels.get(0).length;
    }

    /** The root hash (the leaf itself for a batch of one). */
    public byte[] root() {
        return levels.get(levels.size() - 1)[0].clone();
    }

    /**
     * The audit path of one leaf: the sibling hashes from the bottom up, concatenated ({@link #HASH_SIZE} bytes each;
     * empty for a batch of one).
     */
    public byte[] path(int index) {
        Objects.checkIndex(index, size());
        byte[] path = new byte[pathLength(index, size()) * HASH_SIZE];
        int k = 0;
        int i = index;
        for (int l = 0; l < levels.size() - 1; l++) {
            byte[][] level = levels.get(l);
            int sibling = i ^ 1;
            if (sibling < level.length) {
                System.arraycopy(level[sibling], 0, path, k, HASH_SIZE);
                k += HASH_SIZE;
            }
            i >>= 1;
        }
        return path;
    }

    /** How many hashes the audit path of leaf {@code index} in a tree of {@code size} leaves has. */
    public static int pathLength(int index, int size) {
        if (size < 1 || index < 0 || index >= size) {
            throw new IllegalArgumentException("leaf " + index + " is not in a tree of " + size);
        }
        int length = 0;
        for (int i = index, n = size; n > 1; i >>= 1, n = (n + 1) / 2) {
            if ((i & 1) == 1 || i + 1 < n) {
                length++;
            }
        }
        return length;
    }

    /**
     * The root that a leaf and its audit path lead to.
     *
     * @param leaf  the leaf hash
     * @param index the leaf's position in the batch
     * @param size  the batch size
     * @param path  the audit path, {@link #HASH_SIZE} bytes per hash
     * @return the root, or null when the path does not have exactly the hashes the position needs
     */
    public static byte[] rootFromPath(byte[] leaf, int index, int size, byte[] path) {
        if (leaf == null || leaf.length != HASH_SIZE || path == null || size < 1 || size > MAX_SIZE || index < 0
            || index >= size || path.length != pathLength(index, size) * HASH_SIZE) {
            return null;
        }
        MessageDigest sha256 = sha256();
        byte[] h = leaf;
        int k = 0;
        for (int i = index, n = size; n > 1; i >>= 1, n = (n + 1) / 2) {
            if ((i & 1) == 1) {
                sha256.update(NODE);
                sha256.update(path, k, HASH_SIZE);
                sha256.update(h);
                h = sha256.digest();
                k += HASH_SIZE;
            } else if (i + 1 < n) {
                sha256.update(NODE);
                sha256.update(h);
                sha256.update(path, k, HASH_SIZE);
                h = sha256.digest();
                k += HASH_SIZE;
            }
        }
        return h;
    }

    /** {@code SHA-256(0x00 || canonical)}. */
    public static byte[] leafHash(byte[] canonical) {
        MessageDigest sha256 = sha256();
        sha256.update(LEAF);
        return sha256.digest(canonical);
    }

    /** {@code SHA-256(0x01 || left || right)}. */
    public static byte[] nodeHash(byte[] left, byte[] right) {
        return nodeHash(sha256(), left, right);
    }

    private static byte[] nodeHash(MessageDigest sha256, byte[] left, byte[] right) {
        sha256.update(NODE);
        sha256.update(left);
        return sha256.digest(right);
    }

    /** Starts a leaf hash: the caller feeds the canonical form, then calls {@code digest()}. */
    static MessageDigest leafDigest() {
        MessageDigest sha256 = sha256();
        sha256.update(LEAF);
        return sha256;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }
}
