package dev.segue.sonic.repository;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/** Row mapping the JDBC repositories share. */
final class Jdbc {

    private Jdbc() {
    }

    static List<TrackRef> readTracks(PreparedStatement ps) throws SQLException {
        List<TrackRef> tracks = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                tracks.add(new TrackRef(rs.getLong(1), rs.getString(2), longOrNull(rs, 3), rs.getString(4),
                        rs.getString(5)));
            }
        }
        return tracks;
    }

    static Long longOrNull(ResultSet rs, int column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    static void setInt(PreparedStatement ps, int index, Long value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.INTEGER);
        } else {
            ps.setInt(index, (int) Math.min(Integer.MAX_VALUE, value));
        }
    }
}
