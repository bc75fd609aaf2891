package claimsweep.tensorboard;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * TFRecord framing, the container of TensorBoard's event files: each record is its length (uint64,
 * little-endian), the masked CRC32C of those 8 bytes, the data, and the masked CRC32C of the data.
 * A record whose checksum does not match is dropped by TensorBoard's reader without an error (it
 * takes it for a record still being written), so a framing mistake shows up only as missing data;
 * the read-back test exists for that reason.
 */
final class TfRecords {
    /** TensorFlow's mask constant (crc32c.h): rotating and adding keeps a CRC of data that holds CRCs well-behaved. */
    private static final int MASK_DELTA = 0xa282ead8;

    /** How the checksums are stored; {@link #MASKED} is TensorBoard's, the other exists to prove the test fails on it. */
    enum Checksum { MASKED, UNMASKED_FOR_TESTS }

    private TfRecords() {}

    /** One framed record holding {@code data}. */
    static byte[] frame(byte[] data, Checksum checksum) {
        ByteBuffer b = ByteBuffer.allocate(8 + 4 + data.length + 4).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(data.length);
        b.putInt(crc(b.array(), 0, 8, checksum));
        b.put(data);
        b.putInt(crc(data, 0, data.length, checksum));
        return b.array();
    }

    private static int crc(byte[] bytes, int from, int length, Checksum checksum) {
        CRC32C c = new CRC32C();
        c.update(bytes, from, length);
        int crc = (int) c.getValue();
        return checksum == Checksum.MASKED ? mask(crc) : crc;
    }

    /** TensorFlow's masked CRC: rotate right by 15 bits, add the delta (uint32 arithmetic). */
    static int mask(int crc) {
        return ((crc >>> 15) | (crc << 17)) + MASK_DELTA;
    }
}
