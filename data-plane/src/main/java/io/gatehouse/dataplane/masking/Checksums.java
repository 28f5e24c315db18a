package io.gatehouse.dataplane.masking;

/** The check-digit schemes that tell real card numbers and IBANs from look-alike digit runs. */
final class Checksums {

    private Checksums() {
    }

    /** The Luhn (mod 10) check of a string of digits. */
    static boolean luhn(CharSequence digits) {
        int sum = 0;
        boolean doubleIt = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return false;
            }
            if (doubleIt) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubleIt = !doubleIt;
        }
        return sum % 10 == 0;
    }

    /** ISO 7064 mod 97-10 as IBANs use it: the first four characters moved to the end, letters as 10..35, remainder 1. */
    static boolean ibanMod97(CharSequence iban) {
        int length = iban.length();
        if (length < 5) {
            return false;
        }
        int remainder = 0;
        for (int n = 0; n < length; n++) {
            char c = iban.charAt((n + 4) % length);
            int value;
            if (c >= '0' && c <= '9') {
                value = c - '0';
                remainder = (remainder * 10 + value) % 97;
            } else if (c >= 'A' && c <= 'Z') {
                value = c - 'A' + 10;
                remainder = (remainder * 100 + value) % 97;
            } else {
                return false;
            }
        }
        return remainder == 1;
    }
}
