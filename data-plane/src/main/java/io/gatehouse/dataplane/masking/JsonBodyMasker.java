package io.gatehouse.dataplane.masking;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Masks JSON as it streams: {@link JsonTokenizer} validates the body chunk by chunk and hands over
 * each complete token; what no rule changes is copied through as it was sent, and only masked
 * values are written anew. Every value is judged where it stands: name rules by its decoded name
 * (every occurrence, duplicates included), path rules by its path, detectors on scalar values and
 * on names (numbers too, by their text). White space between tokens is dropped, so the output is
 * compact JSON; in NDJSON mode each top-level value is followed by a newline. Anything that is not
 * strict JSON (RFC 8259, UTF-8), or passes a limit, fails.
 */
public final class JsonBodyMasker implements BodyMasker, JsonTokenListener {

    private final boolean newlineDelimited;
    private final JsonTokenizer tokenizer;
    private final JsonMaskerOutput output = new JsonMaskerOutput();
    private final MaskingSummary summary = new MaskingSummary();
    private final MaskingPolicy policy;
    private final MentionedNames mentionedNames;
    private final PathRule[] pathRules;
    private final TextRedactor redactor;
    private final boolean caseSensitiveNames;

    // the containers open above the current token: per depth, array or object, whether anything was
    // written in it yet (a comma goes before the next), next element index, path states
    private final boolean[] isArray;
    private final boolean[] written;
    private final int[] nextIndex;
    private final long[] states;
    // per object: the path states of, and the path rule for, a member whose name no rule mentions (most members),
    // and the object's own states they were derived from (sibling objects, such as the records of a list, share them)
    private final long[] unnamedMemberStates;
    private final FieldRule[] unnamedMemberRule;
    private final long[] unnamedMembersDerivedFrom;
    private int depth;
    private int skippedDepth;
    private int rootValues;

    // a member whose name has been read but whose value has not: its name is in the output from
    // memberStart on, and is taken back if the member is dropped
    private boolean memberPending;
    private int memberStart;
    private FieldRule pendingRule;
    private boolean pendingDrop;
    private final long[] pendingStates;

    public JsonBodyMasker(MaskingPolicy policy, MaskingLimits limits, boolean newlineDelimited) {
        this.policy = policy;
        this.newlineDelimited = newlineDelimited;
        this.mentionedNames = policy.mentionedNames();
        this.pathRules = policy.pathRules();
        this.redactor = policy.redactor();
        this.caseSensitiveNames = policy.matchesNamesCaseSensitively();
        this.tokenizer = new JsonTokenizer(this, limits);
        int levels = limits.maxDepth() + 2;
        this.isArray = new boolean[levels];
        this.written = new boolean[levels];
        this.nextIndex = new int[levels];
        this.states = new long[levels * Math.max(1, pathRules.length)];
        this.unnamedMemberStates = new long[states.length];
        this.unnamedMemberRule = new FieldRule[levels];
        // all zero: no states give no states and no rule, so the arrays start consistent
        this.unnamedMembersDerivedFrom = new long[states.length];
        this.pendingStates = new long[pathRules.length];
        for (int r = 0; r < pathRules.length; r++) {
            states[r] = JsonPathPattern.START;
        }
    }

    @Override
    public byte[] feed(byte[] chunk) throws MaskingException {
        output.startChunk(chunk);
        try {
            tokenizer.feed(chunk, 0, chunk.length);
            return takeOutput();
        } finally {
            // the output must not refer to the caller's chunk once this returns, even by an exception
            output.endChunk();
        }
    }

    @Override
    public byte[] finish() throws MaskingException {
        tokenizer.end();
        return takeOutput();
    }

    @Override
    public MaskingSummary summary() {
        return summary;
    }

    /** All output but a pending member's name, which is held until its value says whether the member stays. */
    private byte[] takeOutput() {
        int ready = memberPending ? memberStart : output.length();
        byte[] taken = output.takeFirst(ready);
        if (memberPending) {
            memberStart -= ready;
        }
        return taken;
    }

    @Override
    public void name(byte[] bytes, int start, int end, boolean plain) {
        if (skippedDepth > 0) {
            return;
        }
        String folded;
        boolean mayMatch;
        if (plain) {
            folded = mentionedNames.foldedIfMentioned(bytes, start + 1, end - 1);
            mayMatch = folded != null;
        } else {
            folded = null;
            mayMatch = !mentionedNames.isEmpty();
        }
        // a plain name differs from its folded form in case only, which matters only to case-sensitive rules
        boolean decode = !redactor.isEmpty() || (mayMatch && (!plain || caseSensitiveNames));
        String name = decode ? JsonStrings.decode(bytes, start + 1, end - 1) : folded;
        if (mayMatch && folded == null) {
            folded = NameFolding.fold(name);
        }
        FieldRule rule;
        if (mayMatch) {
            rule = policy.forName(name, folded);
            int parent = depth * pathRules.length;
            for (int r = 0; r < pathRules.length; r++) {
                JsonPathPattern pattern = pathRules[r].pattern();
                long next = pattern.member(states[parent + r], name, folded);
                pendingStates[r] = next;
                if (pattern.matches(next)) {
                    rule = FieldRule.stronger(rule, pathRules[r].rule());
                }
            }
        } else {
            System.arraycopy(unnamedMemberStates, depth * pathRules.length, pendingStates, 0, pathRules.length);
            rule = unnamedMemberRule[depth];
        }
        pendingRule = rule;
        pendingDrop = false;
        memberPending = true;
        memberStart = output.length();
        String renamed = null;
        if (!redactor.isEmpty()) {
            TextRedactor.Outcome outcome = redactor.redact(name, summary);
            pendingDrop = outcome.drop();
            renamed = outcome.text();
        }
        if (pendingDrop) {
            return;
        }
        if (written[depth]) {
            output.write(',');
        }
        if (renamed != null) {
            output.writeQuoted(renamed);
        } else {
            output.copy(bytes, start, end);
        }
        output.write(':');
    }

    @Override
    public void scalar(JsonScalar kind, byte[] bytes, int start, int end, boolean plain) {
        if (skippedDepth > 0) {
            return;
        }
        FieldRule rule = ruleForValue();
        boolean drop = pendingDropForValue(rule);
        if (drop) {
            dropValue();
        } else if (rule != null) {
            startValue();
            MaskAction action = rule.action();
            output.writeQuoted(masked(action, kind, bytes, start, end, plain));
        } else if (!redactor.isEmpty() && kind != JsonScalar.LITERAL) {
            TextRedactor.Outcome outcome = redactor.redact(text(kind, bytes, start, end), summary);
            if (outcome.drop()) {
                dropValue();
            } else {
                startValue();
                if (outcome.changed()) {
                    output.writeQuoted(outcome.text());
                } else {
                    output.copy(bytes, start, end);
                }
            }
        } else {
            startValue();
            output.copy(bytes, start, end);
        }
        if (depth == 0) {
            endOfRootValue();
        }
    }

    @Override
    public void startContainer(boolean array) {
        if (skippedDepth > 0) {
            skippedDepth++;
            return;
        }
        FieldRule rule = ruleForValue();
        boolean drop = pendingDropForValue(rule);
        if (drop) {
            dropValue();
            skippedDepth = 1;
            return;
        }
        startValue();
        if (rule != null) {
            output.writeQuoted(rule.action().applyToStructure());
            skippedDepth = 1;
            return;
        }
        depth++;
        isArray[depth] = array;
        written[depth] = false;
        nextIndex[depth] = 0;
        System.arraycopy(pendingStates, 0, states, depth * pathRules.length, pathRules.length);
        if (!array) {
            prepareUnnamedMembers();
        }
        output.write(array ? '[' : '{');
    }

    @Override
    public void endContainer() {
        if (skippedDepth > 0) {
            skippedDepth--;
            if (skippedDepth == 0 && depth == 0) {
                endOfRootValue();
            }
            return;
        }
        output.write(isArray[depth] ? ']' : '}');
        depth--;
        if (depth == 0) {
            endOfRootValue();
        }
    }

    private void prepareUnnamedMembers() {
        int at = depth * pathRules.length;
        int end = at + pathRules.length;
        if (Arrays.equals(states, at, end, unnamedMembersDerivedFrom, at, end)) {
            return;
        }
        System.arraycopy(states, at, unnamedMembersDerivedFrom, at, pathRules.length);
        FieldRule rule = null;
        for (int r = 0; r < pathRules.length; r++) {
            JsonPathPattern pattern = pathRules[r].pattern();
            long next = pattern.unnamedMember(states[at + r]);
            unnamedMemberStates[at + r] = next;
            if (pattern.matches(next)) {
                rule = FieldRule.stronger(rule, pathRules[r].rule());
            }
        }
        unnamedMemberRule[depth] = rule;
    }

    /** The field rule for the value that starts now (its member's in an object, by path in an array); sets its path states. */
    private FieldRule ruleForValue() {
        if (depth == 0) {
            for (int r = 0; r < pathRules.length; r++) {
                pendingStates[r] = JsonPathPattern.START;
            }
            if (!newlineDelimited && rootValues++ > 0) {
                // several top-level values in one JSON body stay apart (NDJSON values end with a newline instead)
                output.write(' ');
            }
            return null;
        }
        if (!isArray[depth]) {
            return pendingRule;
        }
        FieldRule rule = null;
        if (pathRules.length > 0) {
            int index = nextIndex[depth];
            int parent = depth * pathRules.length;
            for (int r = 0; r < pathRules.length; r++) {
                long next = pathRules[r].pattern().element(states[parent + r], index);
                pendingStates[r] = next;
                if (pathRules[r].pattern().matches(next)) {
                    rule = FieldRule.stronger(rule, pathRules[r].rule());
                }
            }
        }
        nextIndex[depth]++;
        return rule;
    }

    /** Records that the rule fired; whether the value (and its member) goes. */
    private boolean pendingDropForValue(FieldRule rule) {
        boolean drop = depth > 0 && !isArray[depth] && pendingDrop;
        if (rule != null) {
            summary.fired(rule.ruleName());
            drop |= rule.action() instanceof MaskAction.Drop;
        }
        return drop;
    }

    /** The value stays: in an array it needs its comma (a member's name has it already). */
    private void startValue() {
        if (depth > 0) {
            if (isArray[depth] && written[depth]) {
                output.write(',');
            }
            written[depth] = true;
        }
        memberPending = false;
    }

    /** The value goes, and in an object its name with it. */
    private void dropValue() {
        if (memberPending) {
            output.truncate(memberStart);
            memberPending = false;
        }
    }

    private void endOfRootValue() {
        if (newlineDelimited) {
            output.write('\n');
        }
    }

    private static String masked(MaskAction action, JsonScalar kind, byte[] bytes, int start, int end, boolean plain) {
        if (!action.readsValue()) {
            return action.apply("");
        }
        if (kind != JsonScalar.STRING) {
            return action.applyToUtf8(bytes, start, end);
        }
        if (plain) {
            // no escapes: the bytes between the quotes are the UTF-8 of the value
            return action.applyToUtf8(bytes, start + 1, end - 1);
        }
        return action.apply(JsonStrings.decode(bytes, start + 1, end - 1));
    }

    private static String text(JsonScalar kind, byte[] bytes, int start, int end) {
        if (kind == JsonScalar.STRING) {
            return JsonStrings.decode(bytes, start + 1, end - 1);
        }
        return new String(bytes, start, end - start, StandardCharsets.US_ASCII);
    }
}
