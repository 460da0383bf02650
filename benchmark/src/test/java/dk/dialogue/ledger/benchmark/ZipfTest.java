package dk.dialogue.ledger.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ZipfTest {

    @Test
    void ranksStayInRangeAndFavourTheFirst() {
        Random random = new Random(1);
        int[] counts = new int[1_000];
        for (int i = 0; i < 100_000; i++) {
            counts[Zipf.rank(counts.length, random)]++;
        }
        // Exponent 1: rank 0 is drawn about ln(2)/ln(1001), some 10 %, and about twice as often as rank 1.
        assertTrue(counts[0] > 8_000 && counts[0] < 12_000, "rank 0 drawn " + counts[0] + " times");
        assertTrue(counts[0] > counts[1] && counts[1] > counts[10] && counts[10] > counts[500]);
    }

    @Test
    void oneItemIsAlwaysChosen() {
        assertEquals(0, Zipf.rank(1, new Random(2)));
    }
}
