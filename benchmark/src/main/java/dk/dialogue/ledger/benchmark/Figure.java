package dk.dialogue.ledger.benchmark;

/**
 * One measured figure with its target.
 *
 * @param step   which step measured it, e.g. "2 commands"
 * @param name   what it is
 * @param value  the measurement, NaN when not measured
 * @param unit   its unit
 * @param ratio  value divided by the limit it is compared with, NaN when there is none
 * @param target the target in words, empty when there is none
 * @param met    whether the target is met; null when there is no target or no measurement
 */
record Figure(String step, String name, double value, String unit, double ratio, String target, Boolean met) {

    static Figure plain(String step, String name, double value, String unit) {
        return new Figure(step, name, value, unit, Double.NaN, "", null);
    }
}
