package dk.dialogue.ledger.benchmark;

import java.util.Random;

/**
 * Zipf-like choice (exponent 1) among a growing number of items: rank r is chosen with probability
 * roughly proportional to 1/(r+1). Inverting the continuous 1/x law needs no table, so the item count may
 * change between draws.
 */
final class Zipf {

    private Zipf() {
    }

    /** A rank in [0, n): 0 most often, then 1, and so on. */
    static int rank(int n, Random random) {
        if (n <= 1) {
            return 0;
        }
        int rank = (int) Math.floor(Math.exp(random.nextDouble() * Math.log(n + 1.0))) - 1;
        return Math.min(rank, n - 1);
    }
}
