package gt.enlace.bus.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class MerkleTreeTest {

    static List<byte[]> leaves(int n) {
        List<byte[]> leaves = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            leaves.add(MerkleTree.leafHash(("event " + i).getBytes(StandardCharsets.UTF_8)));
        }
        return leaves;
    }

    /** RFC 6962 section 2.1, recursively: MTH(D[n]) = node(MTH(D[0:k]), MTH(D[k:n])), k the largest power of 2 below n. */
    static byte[] rfc6962Root(List<byte[]> leaves) {
        if (leaves.size() == 1) {
            return leaves.get(0);
        }
        int k = Integer.highestOneBit(leaves.size() - 1);
        return MerkleTree.nodeHash(rfc6962Root(leaves.subList(0, k)), rfc6962Root(leaves.subList(k, leaves.size())));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 7, 256})
    void everyLeafWalksItsPathToTheRootWhichIsRfc6962sRoot(int n) {
        List<byte[]> leaves = leaves(n);
        MerkleTree tree = new MerkleTree(leaves);
        assertThat(tree.size()).isEqualTo(n);
        assertThat(tree.root()).isEqualTo(rfc6962Root(leaves));
        for (int i = 0; i < n; i++) {
            byte[] path = tree.path(i);
            assertThat(path.length).isEqualTo(MerkleTree.pathLength(i, n) * MerkleTree.HASH_SIZE);
            assertThat(MerkleTree.pathLength(i, n)).as("at most ceil(log2 n) hashes").isLessThanOrEqualTo(32 - Integer.numberOfLeadingZeros(n - 1));
            assertThat(MerkleTree.rootFromPath(leaves.get(i), i, n, path)).as("leaf %d of %d", i, n).isEqualTo(tree.root());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 7, 256})
    void aFlippedBitInAnyPathByteTheIndexOrTheLeafLeadsElsewhere(int n) {
        List<byte[]> leaves = leaves(n);
        MerkleTree tree = new MerkleTree(leaves);
        byte[] root = tree.root();
        for (int i = 0; i < n; i += Math.max(1, n / 16)) {
            byte[] path = tree.path(i);
            for (int b = 0; b < path.length; b++) {
                for (int bit = 0; bit < 8; bit += 3) {
                    byte[] bad = path.clone();
                    bad[b] ^= (byte) (1 << bit);
                    assertThat(MerkleTree.rootFromPath(leaves.get(i), i, n, bad)).isNotEqualTo(root);
                }
            }
            for (int bit = 0; bit < 9; bit++) {
                int otherIndex = i ^ (1 << bit);
                if (otherIndex != i) {
                    assertThat(MerkleTree.rootFromPath(leaves.get(i), otherIndex, n, path)).as("index %d as %d", i, otherIndex)
                        .isNotEqualTo(root);
                }
            }
            byte[] leaf = leaves.get(i).clone();
            leaf[31] ^= 1;
            assertThat(MerkleTree.rootFromPath(leaf, i, n, path)).isNotEqualTo(root);
        }
    }

    @Test
    void aPathOfTheWrongLengthOrAPositionOutsideTheTreeLeadsNowhere() {
        List<byte[]> leaves = leaves(7);
        MerkleTree tree = new MerkleTree(leaves);
        byte[] path = tree.path(6);
        assertThat(MerkleTree.pathLength(6, 7)).isEqualTo(2);
        assertThat(MerkleTree.pathLength(0, 7)).isEqualTo(3);
        assertThat(MerkleTree.rootFromPath(leaves.get(6), 6, 7, Arrays.copyOf(path, path.length + 32))).isNull();
        assertThat(MerkleTree.rootFromPath(leaves.get(6), 6, 7, Arrays.copyOf(path, path.length - 1))).isNull();
        assertThat(MerkleTree.rootFromPath(leaves.get(6), 7, 7, path)).isNull();
        assertThat(MerkleTree.rootFromPath(leaves.get(6), -1, 7, path)).isNull();
        assertThat(MerkleTree.rootFromPath(leaves.get(6), 0, 0, new byte[0])).isNull();
        assertThat(MerkleTree.rootFromPath(leaves.get(6), 0, MerkleTree.MAX_SIZE + 1, new byte[17 * 32])).isNull();
        assertThat(MerkleTree.rootFromPath(new byte[31], 6, 7, path)).isNull();
    }

    @Test
    void aBatchOfOneIsItsOwnRootWithAnEmptyPath() {
        byte[] leaf = MerkleTree.leafHash(new byte[] {1});
        MerkleTree tree = new MerkleTree(List.of(leaf));
        assertThat(tree.root()).isEqualTo(leaf);
        assertThat(tree.path(0)).isEmpty();
        assertThat(MerkleTree.rootFromPath(leaf, 0, 1, new byte[0])).isEqualTo(leaf);
    }

    @Test
    void leavesAndNodesAreDomainSeparatedAsInRfc6962() throws Exception {
        byte[] data = "x".getBytes(StandardCharsets.UTF_8);
        java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
        assertThat(MerkleTree.leafHash(data)).isEqualTo(sha.digest(new byte[] {0x00, 'x'}));
        byte[] l = new byte[32];
        byte[] r = new byte[32];
        r[0] = 1;
        byte[] concat = new byte[65];
        concat[0] = 0x01;
        concat[33] = 1;
        assertThat(MerkleTree.nodeHash(l, r)).isEqualTo(sha.digest(concat));
    }

    @Test
    void anEmptyOrOversizedBatchOrABadLeafIsRefused() {
        assertThatThrownBy(() -> new MerkleTree(List.of())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 to");
        assertThatThrownBy(() -> new MerkleTree(List.of(new byte[5]))).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("32 bytes");
    }
}
