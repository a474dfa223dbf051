package dev.segue.playlist.map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The map as {@code application/octet-stream}, for a browser that draws tens of thousands of points: the
 * per-point numbers as little-endian arrays a page wraps in typed arrays without parsing, the names as JSON.
 * <pre>
 *   bytes 0..3   "SGM1"
 *   uint32       H, the length of the header
 *   H bytes      UTF-8 JSON: analyzerVersion, count, fittedOn, fitMillis, axes, titles, artists, albums, genres
 *   0..7 spaces  so the arrays start at a multiple of 8
 *   float64[count] ids, float32[count] x, float32[count] y, int32[count] artist, int32[count] album, int32[count] genre
 * </pre>
 * Position i of every array describes one track, as in {@link MapView}.
 */
public final class MapBinary {

    static final byte[] MAGIC = {'S', 'G', 'M', '1'};

    private MapBinary() {
    }

    public static byte[] encode(MapView view, ObjectMapper mapper) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("analyzerVersion", view.analyzerVersion());
        header.put("count", view.count());
        header.put("fittedOn", view.fittedOn());
        header.put("fitMillis", view.fitMillis());
        header.put("axes", view.axes());
        header.put("titles", view.titles());
        header.put("artists", view.artists());
        header.put("albums", view.albums());
        header.put("genres", view.genres());
        byte[] json;
        try {
            json = mapper.writeValueAsBytes(header);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the map's header could not be written", e);
        }
        int n = view.count();
        int start = MAGIC.length + Integer.BYTES + json.length;
        int padding = (8 - start % 8) % 8;
        ByteBuffer out = ByteBuffer.allocate(start + padding + n * (Double.BYTES + 2 * Float.BYTES + 3 * Integer.BYTES))
                .order(ByteOrder.LITTLE_ENDIAN);
        out.put(MAGIC).putInt(json.length).put(json);
        for (int i = 0; i < padding; i++) {
            out.put((byte) ' ');
        }
        for (int i = 0; i < n; i++) {
            out.putDouble(view.ids()[i]);
        }
        for (int i = 0; i < n; i++) {
            out.putFloat(view.x()[i]);
        }
        for (int i = 0; i < n; i++) {
            out.putFloat(view.y()[i]);
        }
        for (int[] column : new int[][] {view.artist(), view.album(), view.genre()}) {
            for (int i = 0; i < n; i++) {
                out.putInt(column[i]);
            }
        }
        return out.array();
    }
}
