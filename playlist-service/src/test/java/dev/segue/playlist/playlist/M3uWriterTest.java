package dev.segue.playlist.playlist;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class M3uWriterTest {

    @Test
    void extendedM3uWithRewrittenPaths() {
        M3uWriter writer = new M3uWriter(List.of("/srv=/wrong", "/srv/music=/Volumes/Music"));
        String m3u = writer.write("Evening", List.of(
                new M3uWriter.Item(245, "Björk", "Jóga", "/srv/music/Björk/Homogenic/03 Jóga.flac"),
                new M3uWriter.Item(null, "Unknown", "Untitled", "/other/x.mp3")));
        assertThat(m3u.split("\n", -1)).containsExactly(
                "#EXTM3U",
                "#PLAYLIST:Evening",
                "#EXTINF:245,Björk - Jóga",
                "/Volumes/Music/Björk/Homogenic/03 Jóga.flac",
                "#EXTINF:-1,Unknown - Untitled",
                "/other/x.mp3",
                "");
    }

    @Test
    void tagsCannotInjectLines() {
        M3uWriter writer = new M3uWriter(List.of());
        String m3u = writer.write("a\nb", List.of(
                new M3uWriter.Item(10, "Evil\r\n/etc/passwd", "Title\u2028#EXTINF:1,x", "/music/new\nline.mp3")));
        String[] lines = m3u.split("\n", -1);
        assertThat(lines).hasSize(5);
        assertThat(lines[1]).isEqualTo("#PLAYLIST:a b");
        assertThat(lines[2]).startsWith("#EXTINF:10,Evil  /etc/passwd - Title #EXTINF");
        assertThat(lines[3]).isEqualTo("file:///music/new%0Aline.mp3");
        assertThat(Path.of(URI.create(lines[3]))).isEqualTo(Path.of("/music/new\nline.mp3"));
        assertThat(m3u).doesNotContain("\r");
    }
}
