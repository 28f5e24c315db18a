package io.gatehouse.controlplane.domain;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClaimMatcherTest {

    @Test
    void globStarMatchesAnyRunAndQuestionMarkOneCharacter() {
        GlobPattern glob = GlobPattern.parse("repo:acme/*:ref:refs/heads/?ain");

        assertTrue(glob.matches("repo:acme/api:ref:refs/heads/main"));
        assertTrue(glob.matches("repo:acme/:ref:refs/heads/rain"));
        assertTrue(glob.matches("repo:acme/a/b:c:ref:refs/heads/main"));
        assertFalse(glob.matches("repo:acme/api:ref:refs/heads/main-evil"));
        assertFalse(glob.matches("repo:acme/api:ref:refs/heads/ain"));
        assertFalse(glob.matches("xrepo:acme/api:ref:refs/heads/main"));
    }

    @Test
    void backslashMakesAWildcardLiteral() {
        GlobPattern glob = GlobPattern.parse("v\\*\\?\\\\");

        assertTrue(glob.matches("v*?\\"));
        assertFalse(glob.matches("v1?\\"));
        assertThrows(IllegalArgumentException.class, () -> GlobPattern.parse("trailing\\"));
    }

    @Test
    void globIntersectionFindsACommonValueExactlyWhenOneExists() {
        assertIntersect("refs/heads/*", "refs/*/main");
        assertIntersect("*-prod", "api-*");
        assertIntersect("a*b*c", "*bbb*");
        assertIntersect("???", "a*");
        assertIntersect("*", "");
        assertIntersect("x\\*", "x?");

        assertDisjoint("refs/heads/*", "refs/tags/*");
        assertDisjoint("*-prod", "*-staging");
        assertDisjoint("??", "???*x");
        assertDisjoint("acme/*", "other/*");
        assertDisjoint("a?", "a");
        assertDisjoint("x\\*", "xy");
    }

    @Test
    void regexMatchesTheWholeValue() {
        ClaimMatcher regex = new ClaimMatcher.Regex("main");

        assertTrue(regex.accepts("main"));
        assertFalse(regex.accepts("main-evil"));
        assertFalse(regex.accepts("not-main"));
    }

    @Test
    void invalidOrOverlongPatternsAreRefusedWhenBuilt() {
        assertThrows(IllegalArgumentException.class, () -> new ClaimMatcher.Regex("(unclosed"));
        assertThrows(IllegalArgumentException.class, () -> new ClaimMatcher.Regex("a".repeat(501)));
        assertThrows(IllegalArgumentException.class, () -> new ClaimMatcher.Glob("a".repeat(501)));
        assertThrows(IllegalArgumentException.class, () -> new ClaimMatcher.OneOf(List.of()));
    }

    @Test
    void patternsThatAcceptAnyTextPinNothing() {
        for (String glob : List.of("*", "?*", "**", "*-*")) {
            assertTrue(new ClaimMatcher.Glob(glob).acceptsAnything(), glob);
        }
        for (String regex : List.of(".*", ".+", "(?s).*", "\\S+", "(main)?", "[\\s\\S]+")) {
            assertTrue(new ClaimMatcher.Regex(regex).acceptsAnything(), regex);
        }
        assertFalse(new ClaimMatcher.Glob("acme/*").acceptsAnything());
        assertFalse(new ClaimMatcher.Regex("refs/heads/.+").acceptsAnything());
        assertFalse(new ClaimMatcher.Exact("*").acceptsAnything());
        assertFalse(new ClaimMatcher.OneOf(List.of("a", "b")).acceptsAnything());
    }

    @Test
    void oneOfIsSortedAndDistinct() {
        assertEquals(new ClaimMatcher.OneOf(List.of("a", "b")), new ClaimMatcher.OneOf(List.of("b", "a", "b")));
    }

    @Test
    void claimPathsNestWithSlashAndEscapeAsJsonPointer() {
        assertEquals(List.of("kubernetes.io", "serviceaccount", "name"), ClaimPath.segments("kubernetes.io/serviceaccount/name"));
        assertEquals(List.of("https://acme.example/team"), ClaimPath.segments("https:~1~1acme.example~1team"));
        assertEquals(List.of("a~b", "c"), ClaimPath.segments("a~0b/c"));
        assertEquals("https:~1~1acme.example~1team/x~0y", ClaimPath.of(List.of("https://acme.example/team", "x~y")));
        for (String invalid : List.of("", "/sub", "sub/", "a//b", "a~", "a~2b")) {
            assertThrows(IllegalArgumentException.class, () -> ClaimPath.segments(invalid), invalid);
        }
    }

    private static void assertIntersect(String first, String second) {
        assertTrue(GlobPattern.parse(first).intersects(GlobPattern.parse(second)), first + " / " + second);
        assertTrue(GlobPattern.parse(second).intersects(GlobPattern.parse(first)), second + " / " + first);
    }

    private static void assertDisjoint(String first, String second) {
        assertFalse(GlobPattern.parse(first).intersects(GlobPattern.parse(second)), first + " / " + second);
        assertFalse(GlobPattern.parse(second).intersects(GlobPattern.parse(first)), second + " / " + first);
    }
}
