package dev.segue.library.scan;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every value of an MP4 tag item (and the track and disc numbers, for the files jaudiotagger refuses): an item ({@code ©ART}, {@code ©gen}) may hold several {@code data}
 * atoms, of which jaudiotagger 3.0.1 keeps the first. Reads only {@code moov/udta/meta/ilst}, each atom
 * bounded by its parent and the file.
 */
final class Mp4Values {

    private static final Set<String> PATH = Set.of("moov", "udta", "meta", "ilst");
    private static final int MAX_ITEM = 1 << 20;
    private static final Set<String> NUMBERS = Set.of("trkn", "disk");
    private static final int MAX_ATOMS = 10_000;

    private Mp4Values() {
    }

    /** UTF-8 text values by item name ({@code ©nam}, {@code ©ART}, {@code ©gen}); empty when there is no tag to read. */
    static Map<String, List<String>> read(Path path, long size) {
        Map<String, List<String>> values = new HashMap<>();
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            walk(ch, 0, size, 0, values, new int[1]);
        } catch (IOException | RuntimeException e) {
            // what jaudiotagger read stands; these values only add to it
        }
        return values;
    }

    private static void walk(FileChannel ch, long start, long end, int depth, Map<String, List<String>> values, int[] seen)
            throws IOException {
        long pos = start;
        while (pos + 8 <= end && seen[0]++ < MAX_ATOMS) {
            ByteBuffer header = ContentKey.readBuffer(ch, pos, 8);
            if (header.limit() < 8) {
                return;
            }
            long length = header.getInt(0) & 0xffffffffL;
            String type = new String(header.array(), 4, 4, StandardCharsets.ISO_8859_1);
            if (length < 8) {
                return;
            }
            long atomEnd = Math.min(end, pos + length);
            if (depth < 4 && PATH.contains(type)) {
                // ISO meta has version and flags before its children, QuickTime meta starts with them
                boolean iso = type.equals("meta") && !new String(ContentKey.readBuffer(ch, pos + 12, 4).array(), StandardCharsets.ISO_8859_1)
                        .equals("hdlr");
                walk(ch, pos + 8 + (iso ? 4 : 0), atomEnd, depth + 1, values, seen);
            } else if (depth == 4 && length <= MAX_ITEM) {
                item(ContentKey.readBuffer(ch, pos + 8, (int) (atomEnd - pos - 8)), type, values);
            }
            pos += length;
        }
    }

    /** The text {@code data} children (type 1, UTF-8) of one ilst item; track and disc numbers ({@code trkn}, {@code disk}) as "3/12". */
    private static void item(ByteBuffer body, String name, Map<String, List<String>> values) {
        int at = 0;
        while (at + 16 <= body.limit()) {
            int length = body.getInt(at);
            if (length < 16 || length > body.limit() - at) {
                return;
            }
            String type = new String(body.array(), at + 4, 4, StandardCharsets.ISO_8859_1);
            if (type.equals("data") && (body.getInt(at + 8) & 0xffffff) == 1) {
                values.computeIfAbsent(name, k -> new ArrayList<>()).add(new String(body.array(), at + 16, length - 16, StandardCharsets.UTF_8));
            } else if (type.equals("data") && NUMBERS.contains(name) && length >= 22) {
                // binary: 2 bytes reserved, the number, the total (0 when unknown)
                int number = body.getShort(at + 18) & 0xffff;
                int total = body.getShort(at + 20) & 0xffff;
                values.computeIfAbsent(name, k -> new ArrayList<>()).add(total > 0 ? number + "/" + total : String.valueOf(number));
            }
            at += length;
        }
    }
}
