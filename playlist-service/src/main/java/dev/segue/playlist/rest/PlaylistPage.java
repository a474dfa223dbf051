package dev.segue.playlist.rest;

import java.util.List;

/** One page of stored playlists, newest first. */
public record PlaylistPage(List<PlaylistSummary> items, int page, int size, long total) {
}
