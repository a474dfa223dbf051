package dev.segue.cli;

import java.util.ArrayList;
import java.util.List;

/** A plain-text table with columns as wide as their widest cell (capped, with an ellipsis). */
final class Table {

    private static final int MAX_WIDTH = 40;

    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();

    Table(String... headers) {
        this.headers = List.of(headers);
    }

    Table row(Object... cells) {
        List<String> row = new ArrayList<>();
        for (Object cell : cells) {
            row.add(cell == null ? "" : cell.toString().replaceAll("[\\r\\n\\t]+", " "));
        }
        rows.add(row);
        return this;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    String render() {
        return render(MAX_WIDTH);
    }

    /** @param lastColumnWidth how wide the last column may grow (a reason or a message reads better whole) */
    String render(int lastColumnWidth) {
        int[] widths = new int[headers.size()];
        for (int i = 0; i < widths.length; i++) {
            int cap = i == widths.length - 1 ? lastColumnWidth : MAX_WIDTH;
            widths[i] = headers.get(i).length();
            for (List<String> row : rows) {
                widths[i] = Math.min(cap, Math.max(widths[i], i < row.size() ? row.get(i).length() : 0));
            }
        }
        StringBuilder out = new StringBuilder();
        line(out, headers, widths);
        List<String> rule = new ArrayList<>();
        for (int width : widths) {
            rule.add("-".repeat(width));
        }
        line(out, rule, widths);
        for (List<String> row : rows) {
            line(out, row, widths);
        }
        return out.toString();
    }

    private static void line(StringBuilder out, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < widths.length; i++) {
            String cell = i < cells.size() ? cells.get(i) : "";
            if (cell.length() > widths[i]) {
                cell = cell.substring(0, widths[i] - 1) + "…";
            }
            line.append(i == 0 ? "" : "  ").append(cell).append(" ".repeat(widths[i] - cell.length()));
        }
        out.append(line.toString().stripTrailing()).append(System.lineSeparator());
    }
}
