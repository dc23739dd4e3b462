package org.vnemr.platform.backup;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;

/**
 * AES-256-GCM over a stream of any length, in 1 MiB chunks (one GCM message each), so that neither side holds a
 * whole table in memory — Java's GCM decryption buffers a whole message before releasing any of it. Layout:
 * {@code "VNB1" ‖ 8-byte random prefix ‖ chunks}, each chunk {@code 4-byte length ‖ ciphertext+tag}. The nonce is
 * the prefix and the chunk number; the associated data binds the file name, the chunk number and whether it is the
 * last chunk — so chunks cannot be reordered, dropped, truncated at a chunk boundary, or moved to another file.
 */
final class ChunkedCipher {

    static final int CHUNK = 1 << 20;
    private static final byte[] MAGIC = "VNB1".getBytes(StandardCharsets.US_ASCII);

    private ChunkedCipher() {
    }

    static OutputStream encrypting(OutputStream out, byte[] key, String name) throws IOException {
        byte[] prefix = new byte[8];
        new SecureRandom().nextBytes(prefix);
        out.write(MAGIC);
        out.write(prefix);
        return new FilterOutputStream(out) {
            private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(CHUNK);
            private int index;
            private boolean closed;

            @Override
            public void write(int b) throws IOException {
                buffer.write(b);
                if (buffer.size() >= CHUNK) {
                    flushChunk(false);
                }
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                while (len > 0) {
                    int n = Math.min(len, CHUNK - buffer.size());
                    buffer.write(b, off, n);
                    off += n;
                    len -= n;
                    if (buffer.size() >= CHUNK) {
                        flushChunk(false);
                    }
                }
            }

            private void flushChunk(boolean last) throws IOException {
                byte[] sealed = crypt(Cipher.ENCRYPT_MODE, key, prefix, index++, last, name, buffer.toByteArray());
                buffer.reset();
                out.write(ByteBuffer.allocate(4).putInt(sealed.length).array());
                out.write(sealed);
            }

            @Override
            public void close() throws IOException {
                if (!closed) {
                    closed = true;
                    flushChunk(true);
                    out.close();
                }
            }
        };
    }

    static InputStream decrypting(InputStream in, byte[] key, String name) throws IOException {
        DataInputStream data = new DataInputStream(in);
        byte[] magic = new byte[4];
        byte[] prefix = new byte[8];
        data.readFully(magic);
        if (!java.util.Arrays.equals(magic, MAGIC)) {
            throw new IOException("VNEMR-5082: " + name + " is not a vnemr backup file");
        }
        data.readFully(prefix);
        return new InputStream() {
            private byte[] plain = new byte[0];
            private int position;
            private int index;
            private boolean done;

            private boolean fill() throws IOException {
                while (position >= plain.length) {
                    if (done) {
                        return false;
                    }
                    int length;
                    try {
                        length = data.readInt();
                    } catch (EOFException e) {
                        throw new IOException("VNEMR-5082: " + name + " is truncated", e);
                    }
                    if (length < 16 || length > CHUNK + 16) {
                        throw new IOException("VNEMR-5082: " + name + " has a damaged chunk");
                    }
                    byte[] sealed = new byte[length];
                    data.readFully(sealed);
                    // try as a middle chunk, then as the last; the tag decides which it is
                    byte[] opened = tryOpen(sealed, false);
                    if (opened == null) {
                        opened = tryOpen(sealed, true);
                        if (opened == null) {
                            throw new IOException("VNEMR-5082: " + name + " chunk " + index
                                    + " fails authentication (wrong key or altered file)");
                        }
                        done = true;
                        if (data.read() != -1) {
                            throw new IOException("VNEMR-5082: " + name + " has data after its last chunk");
                        }
                    }
                    index++;
                    plain = opened;
                    position = 0;
                }
                return true;
            }

            private byte[] tryOpen(byte[] sealed, boolean last) {
                try {
                    return crypt(Cipher.DECRYPT_MODE, key, prefix, index, last, name, sealed);
                } catch (IOException e) {
                    return null;
                }
            }

            @Override
            public int read() throws IOException {
                return fill() ? plain[position++] & 0xff : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                if (!fill()) {
                    return -1;
                }
                int n = Math.min(len, plain.length - position);
                System.arraycopy(plain, position, b, off, n);
                position += n;
                return n;
            }

            @Override
            public void close() throws IOException {
                data.close();
            }
        };
    }

    private static byte[] crypt(int mode, byte[] key, byte[] prefix, int index, boolean last, String name,
                                byte[] input) throws IOException {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            byte[] nonce = ByteBuffer.allocate(12).put(prefix).putInt(index).array();
            cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
            cipher.updateAAD((name + "|" + index + "|" + (last ? "last" : "more")).getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(input);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new IOException("authentication failed", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every Java runtime", e);
        }
    }
}
