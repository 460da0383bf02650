package dk.dialogue.ledger.events;

/** How precisely a letter states when a meeting takes place. */
public enum SlotPrecision {
    /** An exact time: "torsdag d. 24. september kl. 13.00-16.00". */
    EXACT,
    /** Part of a day: "den 6. november sidst på dagen". */
    PART_OF_DAY,
    /** A whole day: "i løbet af den 7. november". */
    DAY,
    /** A period: "i løbet af efteråret 2022". */
    PERIOD
}
