package dev.segue.library.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.util.List;

/** library-service configuration, {@code segue.library.*}; every key has an environment override. */
@ConfigMapping(prefix = "segue.library")
public interface LibraryConfig {

    /** Folders holding the music; a scan may cover any of them or a folder inside one. */
    @WithDefault("/music")
    List<Path> roots();
}
