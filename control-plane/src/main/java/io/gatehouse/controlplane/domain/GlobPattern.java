package io.gatehouse.controlplane.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A claim value glob: {@code *} matches any run of characters (also none, also {@code /} and
 * {@code :}), {@code ?} exactly one character, {@code \} makes the next character literal; the
 * whole value must match.
 */
public final class GlobPattern {

    private static final char ANY_RUN = '*';
    private static final char ANY_ONE = '?';

    /** One element of the pattern: a literal character, or a wildcard when {@code wildcard} is set. */
    private record Token(char character, boolean wildcard) {

        boolean isAnyRun() {
            return wildcard && character == ANY_RUN;
        }

        boolean isAnyOne() {
            return wildcard && character == ANY_ONE;
        }
    }

    private final List<Token> tokens;

    private GlobPattern(List<Token> tokens) {
        this.tokens = tokens;
    }

    /** @throws IllegalArgumentException on a trailing, unpaired {@code \} */
    public static GlobPattern parse(String glob) {
        List<Token> tokens = new ArrayList<>();
        for (int index = 0; index < glob.length(); index++) {
            char c = glob.charAt(index);
            if (c == '\\') {
                if (index + 1 == glob.length()) {
                    throw new IllegalArgumentException("ends with an unpaired '\\' (write '\\\\' for a backslash)");
                }
                tokens.add(new Token(glob.charAt(++index), false));
            } else {
                tokens.add(new Token(c, c == ANY_RUN || c == ANY_ONE));
            }
        }
        return new GlobPattern(List.copyOf(tokens));
    }

    public boolean matches(String value) {
        return toRegex().matcher(value).matches();
    }

    /** Whether the pattern has no literal character at all ({@code *}, {@code ?*}): it pins nothing. */
    public boolean hasNoLiteral() {
        return tokens.stream().allMatch(Token::wildcard);
    }

    public Pattern toRegex() {
        StringBuilder regex = new StringBuilder();
        for (Token token : tokens) {
            if (token.isAnyRun()) {
                regex.append("(?s:.*)");
            } else if (token.isAnyOne()) {
                regex.append("(?s:.)");
            } else {
                regex.append(Pattern.quote(String.valueOf(token.character())));
            }
        }
        return Pattern.compile(regex.toString());
    }

    /**
     * Whether some value matches both patterns: a search over pairs of positions in the two
     * patterns, where both advance over a character they can share and {@code *} may also stay.
     */
    public boolean intersects(GlobPattern other) {
        int rows = tokens.size() + 1;
        int columns = other.tokens.size() + 1;
        boolean[][] reachable = new boolean[rows][columns];
        reachable[0][0] = true;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < columns; j++) {
                if (!reachable[i][j]) {
                    continue;
                }
                Token mine = i < tokens.size() ? tokens.get(i) : null;
                Token theirs = j < other.tokens.size() ? other.tokens.get(j) : null;
                // '*' may match nothing and be left behind
                if (mine != null && mine.isAnyRun()) {
                    reachable[i + 1][j] = true;
                }
                if (theirs != null && theirs.isAnyRun()) {
                    reachable[i][j + 1] = true;
                }
                if (mine != null && theirs != null && canShareCharacter(mine, theirs)) {
                    // one shared character: a '*' may stay to take more, everything else moves on
                    int nextI = mine.isAnyRun() ? i : i + 1;
                    int nextJ = theirs.isAnyRun() ? j : j + 1;
                    reachable[nextI][nextJ] |= nextI != i || nextJ != j;
                }
            }
        }
        return reachable[rows - 1][columns - 1];
    }

    private static boolean canShareCharacter(Token mine, Token theirs) {
        return mine.wildcard() || theirs.wildcard() || mine.character() == theirs.character();
    }
}
