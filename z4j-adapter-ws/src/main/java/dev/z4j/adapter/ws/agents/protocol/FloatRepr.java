package dev.z4j.adapter.ws.agents.protocol;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Python's {@code repr(float)}: the shortest decimal that reads back as the same double (the nearest such one when
 * several qualify), printed in fixed notation when {@code 1e-4 <= |x| < 1e16} (with at least one fractional digit)
 * and in exponent notation otherwise ({@code 1e-05}, {@code 1.5e+16}). Java 17's {@link Double#toString} is not
 * always the shortest, so the digits are searched for: the rounding of the exact binary value at each precision.
 */
public final class FloatRepr {

    private static final int MAX_SIGNIFICANT_DIGITS = 17;

    private FloatRepr() {
    }

    /** @throws IllegalArgumentException for NaN and the infinities, which JSON cannot carry */
    public static String of(double x) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            throw new IllegalArgumentException("NaN and Infinity are not JSON numbers");
        }
        if (x == 0) {
            return (Double.doubleToRawLongBits(x) < 0) ? "-0.0" : "0.0";
        }
        BigDecimal shortest = shortestRoundTrip(x);
        String digits = shortest.unscaledValue().abs().toString();
        int decimalPoint = digits.length() - shortest.scale();
        return (x < 0 ? "-" : "") + layout(digits, decimalPoint);
    }

    /** Round-tripping is monotone in the precision (a shorter decimal can always be padded), so bisect it. */
    private static BigDecimal shortestRoundTrip(double x) {
        BigDecimal exact = new BigDecimal(x);
        int low = 1;
        int high = MAX_SIGNIFICANT_DIGITS;
        BigDecimal best = null;
        while (low <= high) {
            int precision = (low + high) >>> 1;
            BigDecimal candidate = nearestRoundTrip(exact, x, precision);
            if (candidate != null) {
                best = candidate;
                high = precision - 1;
            } else {
                low = precision + 1;
            }
        }
        if (best == null) {
            throw new IllegalStateException("no 17-digit decimal reads back as " + x);
        }
        return best.stripTrailingZeros();
    }

    /** The decimal of this many digits nearest to {@code exact} that reads back as {@code x}, else null. */
    private static BigDecimal nearestRoundTrip(BigDecimal exact, double x, int precision) {
        BigDecimal nearest = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
        if (nearest.doubleValue() == x) {
            return nearest;
        }
        RoundingMode other = nearest.compareTo(exact) > 0 ? RoundingMode.FLOOR : RoundingMode.CEILING;
        BigDecimal second = exact.round(new MathContext(precision, other));
        return second.doubleValue() == x ? second : null;
    }

    /** {@code digits} × 10^(decimalPoint − digits.length), laid out as CPython's float_repr_style 'short'. */
    private static String layout(String digits, int decimalPoint) {
        int n = digits.length();
        if (decimalPoint <= -4 || decimalPoint > 16) {
            StringBuilder out = new StringBuilder(n + 6).append(digits.charAt(0));
            if (n > 1) {
                out.append('.').append(digits, 1, n);
            }
            int exponent = decimalPoint - 1;
            out.append('e').append(exponent < 0 ? '-' : '+');
            int magnitude = Math.abs(exponent);
            if (magnitude < 10) {
                out.append('0');
            }
            return out.append(magnitude).toString();
        }
        if (decimalPoint <= 0) {
            return "0." + "0".repeat(-decimalPoint) + digits;
        }
        if (decimalPoint >= n) {
            return digits + "0".repeat(decimalPoint - n) + ".0";
        }
        return digits.substring(0, decimalPoint) + "." + digits.substring(decimalPoint);
    }
}
