package dk.dialogue.ledger.query.processing;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.function.Supplier;

/** Savepoints for projection unit tests: the reads run, with no transaction around them. */
public final class PassThroughSavepoints {

    private PassThroughSavepoints() {
    }

    public static Savepoints create() {
        Savepoints savepoints = mock(Savepoints.class);
        when(savepoints.read(any())).thenAnswer(call -> call.<Supplier<?>>getArgument(0).get());
        return savepoints;
    }
}
