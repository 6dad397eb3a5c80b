package dev.imageedit.run;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The file extension that the bytes (first) or the declared content type (else) call for. */
final class MediaType {
    /** Declared types taken at their word when the bytes are no image: the API's video outputs. */
    private static final Map<String, String> DECLARED = Map.of("video/mp4", ".mp4", "video/webm", ".webm", "video/quicktime", ".mov");

    private MediaType() {
    }

    static Optional<String> extension(byte[] head, int length, String declaredType) {
        if (starts(head, length, 0x89, 'P', 'N', 'G')) {
            return Optional.of(".png");
        }
        if (starts(head, length, 0xFF, 0xD8, 0xFF)) {
            return Optional.of(".jpg");
        }
        if (length >= 12 && starts(head, length, 'R', 'I', 'F', 'F') && head[8] == 'W' && head[9] == 'E' && head[10] == 'B' && head[11] == 'P') {
            return Optional.of(".webp");
        }
        String type = declaredType.split(";")[0].strip().toLowerCase(Locale.ROOT);
        // A declared image type whose bytes are no image is a lie; other declared types (video) are taken as said.
        if (type.startsWith("image/")) {
            return Optional.empty();
        }
        return Optional.ofNullable(DECLARED.get(type));
    }

    private static boolean starts(byte[] head, int length, int... magic) {
        if (length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((head[i] & 0xFF) != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
