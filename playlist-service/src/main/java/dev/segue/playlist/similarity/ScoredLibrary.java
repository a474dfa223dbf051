package dev.segue.playlist.similarity;

/**
 * What scoring reads of an index snapshot: its rows' sound and genres. The index implements it, so this package
 * depends on nothing of the index's.
 */
public interface ScoredLibrary {

    int size();

    SonicVectors sonic();

    GenreVectors genres();
}
