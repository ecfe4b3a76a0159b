package io.buildfactory.application.orchestration.port.out;

import io.buildfactory.domain.memory.Retrieval;
import io.buildfactory.domain.orchestration.RunId;
import io.buildfactory.domain.shared.Page;
import io.buildfactory.domain.shared.PageRequest;

/** What each memory search answered, kept for as long as its run: append-only. */
public interface RetrievalLog {

    void append(Retrieval retrieval);

    /** The retrievals that served a run, newest first; the cursor is a retrieval id. */
    Page<Retrieval> ofRun(RunId run, PageRequest page);
}
