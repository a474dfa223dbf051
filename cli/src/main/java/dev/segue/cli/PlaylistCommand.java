package dev.segue.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code segue playlist SEED…}: a playlist from seed tracks, with every constraint the API has as an option. */
final class PlaylistCommand implements Command {

    @Override
    public String name() {
        return "playlist";
    }

    @Override
    public String summary() {
        return "build a playlist from seed tracks, print it and save its M3U";
    }

    @Override
    public String synopsis() {
        return "--seed ID|TEXT [--seed …] [--size N | --minutes M] [options] [--m3u FILE]";
    }

    @Override
    public String description() {
        return """
                Picks the tracks that sound (60 %) and are tagged (40 %) most like the seeds and orders them so each
                track's end leads into the next one's beginning. A seed is a track id, words that name one track
                (segue tracks WORDS shows what they match; several matches are listed and nothing is built) or
                "random". Options left out take the service's defaults.""";
    }

    @Override
    public List<Option> options() {
        List<Option> options = new ArrayList<>(RequestFields.options(RequestFields.PLAYLIST));
        options.add(Playlists.M3U);
        return options;
    }

    @Override
    public List<String> examples() {
        return List.of(
                "playlist --seed 42 --size 30 --m3u evening.m3u8",
                "playlist \"so what\" --minutes 60 --max-per-artist 2",
                "playlist --seed random --size 20 --ordering score",
                "playlist --seed 42 --seed 97 --sonic-weight 0.8 --bpm-window 8 --min-track-seconds 90",
                "playlist --seed 42 --set maxPerArtist=1");
    }

    @Override
    public int run(Options options, Context context) {
        Options withSeeds = options;
        if (!options.positionals().isEmpty()) {
            withSeeds = options.with(RequestFields.SEED.option().name(), options.positionals());
        }
        if (!withSeeds.has(RequestFields.SEED.option().name())) {
            throw new UsageException("segue playlist needs a seed: --seed ID, --seed \"words of a title\" or --seed random "
                    + "(segue tracks lists the library with ids).");
        }
        Map<String, Object> request = RequestFields.body(RequestFields.PLAYLIST, withSeeds, context);
        return Playlists.create("/api/playlists", request, RequestFields.PLAYLIST, withSeeds, context);
    }
}
