package org.postroom.admin.user;

import java.math.BigDecimal;
import java.math.RoundingMode;

import org.postroom.storage.InvalidInputException;

/**
 * A quota as the console's forms take it: an amount and a unit (MiB or GiB); an empty amount
 * means no limit.
 */
record QuotaInput(String quotaAmount, String quotaUnit) {

    private static final long MIB = 1024L * 1024;
    private static final long GIB = 1024L * MIB;

    /** How a form shows a stored quota: whole GiB when it is one, else MiB; empty for no limit. */
    static QuotaInput of(Long bytes) {
        if (bytes == null) {
            return new QuotaInput("", "GiB");
        }
        if (bytes % GIB == 0) {
            return new QuotaInput(Long.toString(bytes / GIB), "GiB");
        }
        return new QuotaInput(BigDecimal.valueOf(bytes).divide(BigDecimal.valueOf(MIB), 2, RoundingMode.HALF_UP)
                .stripTrailingZeros().toPlainString(), "MiB");
    }

    /** The quota in bytes, null for no limit. */
    Long bytes() {
        if (quotaAmount == null || quotaAmount.isBlank()) {
            return null;
        }
        long unit = "MiB".equals(quotaUnit) ? MIB : GIB;
        try {
            BigDecimal amount = new BigDecimal(quotaAmount.strip());
            if (amount.signum() < 0) {
                throw new InvalidInputException("quota must not be negative");
            }
            return amount.multiply(BigDecimal.valueOf(unit)).setScale(0, RoundingMode.HALF_UP).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new InvalidInputException("quota must be a number of MiB or GiB, not " + quotaAmount);
        }
    }
}
