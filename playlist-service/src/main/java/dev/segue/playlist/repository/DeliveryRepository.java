package dev.segue.playlist.repository;

import dev.segue.playlist.delivery.Kind;
import dev.segue.playlist.delivery.Target;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** Targets defined through the API ({@code delivery_targets}) and where each playlist was pushed ({@code delivery_pushes}). */
@ApplicationScoped
public class DeliveryRepository {

    private final DataSource dataSource;

    DeliveryRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public List<Target> storedTargets() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT name, kind, url, directory, section, user_name, path_mappings FROM delivery_targets ORDER BY name");
             ResultSet rs = ps.executeQuery()) {
            List<Target> out = new ArrayList<>();
            while (rs.next()) {
                out.add(new Target(rs.getString(1), Kind.of(rs.getString(2)), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), Arrays.asList((String[]) rs.getArray(7).getArray()), "api"));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the targets", e);
        }
    }

    /** Replaces every target defined through the API by {@code targets}, in one transaction. */
    public void replaceTargets(List<Target> targets) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement del = c.prepareStatement("DELETE FROM delivery_targets");
                 PreparedStatement ins = c.prepareStatement("""
                         INSERT INTO delivery_targets (name, kind, url, directory, section, user_name, path_mappings)
                         VALUES (?, ?, ?, ?, ?, ?, ?)""")) {
                del.executeUpdate();
                for (Target t : targets) {
                    ins.setString(1, t.name());
                    ins.setString(2, t.kind().id());
                    ins.setString(3, t.url());
                    ins.setString(4, t.directory());
                    ins.setString(5, t.section());
                    ins.setString(6, t.user());
                    Array mappings = c.createArrayOf("text", t.pathMappings().toArray());
                    ins.setArray(7, mappings);
                    ins.addBatch();
                }
                ins.executeBatch();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not store the targets", e);
        }
    }

    public Optional<String> remoteId(long playlistId, String target) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT remote_id FROM delivery_pushes WHERE playlist_id = ? AND target = ?")) {
            ps.setLong(1, playlistId);
            ps.setString(2, target);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read where playlist " + playlistId + " was pushed", e);
        }
    }

    public void savePush(long playlistId, String target, String remoteId, int matched, int unmatched) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     INSERT INTO delivery_pushes (playlist_id, target, remote_id, matched, unmatched) VALUES (?, ?, ?, ?, ?)
                     ON CONFLICT (playlist_id, target) DO UPDATE SET remote_id = EXCLUDED.remote_id, matched = EXCLUDED.matched,
                         unmatched = EXCLUDED.unmatched, pushed_at = now()""")) {
            ps.setLong(1, playlistId);
            ps.setString(2, target);
            ps.setString(3, remoteId);
            ps.setInt(4, matched);
            ps.setInt(5, unmatched);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not remember the push of playlist " + playlistId, e);
        }
    }
}
