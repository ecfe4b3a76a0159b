package io.buildfactory.application.shared.port.out;

/**
 * After content has been purged, makes sure no copy lingers in the storage's own files (journals, freed pages), as
 * far as the database allows. Call it after the purging transaction has committed. It never throws: the purge has
 * already happened, and a scrub that fails is retried by the next one.
 */
public interface StorageScrubber {

    void scrub();
}
