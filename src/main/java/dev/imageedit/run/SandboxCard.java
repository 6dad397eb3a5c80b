package dev.imageedit.run;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/** The sandbox's output image: a card that names the endpoint and the prompt, so a run shows what it routed. */
final class SandboxCard {
    private static final int WIDTH = 640;
    private static final int HEIGHT = 360;

    private SandboxCard() {
    }

    /** @param input what the card stands for ("from sku-a.jpg"), or "" */
    static byte[] png(String model, String prompt, String input) {
        System.setProperty("java.awt.headless", "true");
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        // A colour per endpoint, so cards from different models are told apart at a glance.
        float hue = (model.hashCode() & 0xFFFF) / 65535f;
        g.setColor(Color.getHSBColor(hue, 0.45f, 0.35f));
        g.fillRect(0, 0, WIDTH, HEIGHT);
        g.setColor(Color.getHSBColor(hue, 0.55f, 0.85f));
        g.fillRect(0, 0, WIDTH, 8);
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 22));
            g.drawString("image-edit sandbox", 28, 52);
            g.setFont(new Font(Font.MONOSPACED, Font.PLAIN, 17));
            g.drawString(model, 28, 88);
            g.drawString(input.length() > 64 ? input.substring(0, 63) + "…" : input, 28, HEIGHT - 20);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 18));
            int y = 136;
            for (String line : wrap(prompt, 58)) {
                if (y > HEIGHT - 48) {
                    break;
                }
                g.drawString(line, 28, y);
                y += 26;
            }
        } catch (Error noFonts) {
            // A machine without fonts still gets a valid card, only without its words.
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split("\\s+")) {
            if (line.length() + word.length() + 1 > width && line.length() > 0) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(line.length() == 0 ? "" : " ").append(word);
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }
}
