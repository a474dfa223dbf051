package dev.segue.library.repository;

import dev.segue.commons.paging.Page;
import dev.segue.library.scan.ScanError;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** Reads {@code scan_errors}, which the scan's {@link ScanWriter} writes in batches. */
@ApplicationScoped
public class ScanErrorRepository {

    private final AgroalDataSource dataSource;

    ScanErrorRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Page<ScanError> errors(long runId, int page, int size) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT id, path, reason, occurred_at FROM scan_errors "
                        + "WHERE scan_run_id = ? ORDER BY id LIMIT ? OFFSET ?");
                PreparedStatement count = c.prepareStatement("SELECT count(*) FROM scan_errors WHERE scan_run_id = ?")) {
            ps.setLong(1, runId);
            ps.setInt(2, size);
            ps.setLong(3, (long) page * size);
            List<ScanError> items = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    items.add(new ScanError(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getObject(4, OffsetDateTime.class)));
                }
            }
            count.setLong(1, runId);
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                return new Page<>(items, page, size, rs.getLong(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
