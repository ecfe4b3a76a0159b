package io.buildfactory.application.shared.port.out;

/**
 * After content has been purged, makes sure no copy lingers in the storage's own files (journals, freed pages), as
 * far as the database allows. Call it after the purging transaction has committed.
 */
public interface StorageScrubber {

    void scrub();
}
