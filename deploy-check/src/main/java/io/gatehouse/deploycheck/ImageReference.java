package io.gatehouse.deploycheck;

/** A container image reference split into repository, tag and digest. */
public record ImageReference(String repository, String tag, String digest) {

    public static ImageReference parse(String image) {
        if (image == null || image.isBlank()) {
            return new ImageReference("", null, null);
        }
        String rest = image.strip();
        String digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = rest.substring(at + 1);
            rest = rest.substring(0, at);
        }
        String tag = null;
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
        }
        return new ImageReference(rest, tag, digest);
    }

    /** A digest, or a tag that is not {@code latest}. */
    public boolean pinned() {
        if (digest != null && digest.startsWith("sha256:") && digest.length() == 71) {
            return true;
        }
        return tag != null && !tag.isBlank() && !"latest".equalsIgnoreCase(tag);
    }
}
