package org.stml.actors.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The reference.conf text itself: every key documented, and the key sets of the code agreeing with it. */
class ReferenceConfTest {

    private static final Pattern KEY_LINE = Pattern.compile("^\\s*([a-z][a-z0-9-]*)\\s*(=|\\{)\\s*(.*?)\\s*$");

    @Test
    void everyKeyHasACommentWithItsDefaultAndPaperSetting() throws IOException {
        List<String> lines = stmlReferenceText().lines().collect(Collectors.toList());
        Deque<String> sections = new ArrayDeque<>();
        Set<String> leavesInText = new TreeSet<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.equals("}")) {
                sections.pop();
                continue;
            }
            Matcher matcher = KEY_LINE.matcher(lines.get(i));
            if (!matcher.matches()) {
                continue;
            }
            String path = sections.isEmpty() ? matcher.group(1) : sections.peek() + "." + matcher.group(1);
            String comment = commentAbove(lines, i);
            if (comment.isEmpty()) {
                problems.add(path + ": no comment on the line above");
            }
            if (matcher.group(2).equals("{")) {
                sections.push(path);
            } else {
                leavesInText.add(path);
                String value = matcher.group(3);
                if (!comment.contains("Default " + value)) {
                    problems.add(path + ": comment does not state \"Default " + value + "\"");
                }
                if (!comment.contains("Paper")) {
                    problems.add(path + ": comment does not name the paper's setting");
                }
            }
        }
        assertEquals(List.of(), problems);
        assertTrue(sections.isEmpty(), "unbalanced braces: " + sections);
        assertEquals(referenceLeaves(), leavesInText, "every key of the parsed reference is found in the text");
    }

    @Test
    void resumeAndMutableKeysPartitionTheReferenceKeys() {
        Set<String> union = new TreeSet<>(StmlSettings.RESUME_KEYS);
        union.addAll(StmlSettings.MUTABLE_KEYS);
        assertEquals(referenceLeaves(), union);
        assertTrue(Collections.disjoint(StmlSettings.RESUME_KEYS, StmlSettings.MUTABLE_KEYS));
    }

    @Test
    void everyReferenceKeyIsReadByTheSettings() {
        assertEquals(referenceLeaves(), StmlSettings.defaults().flatten().keySet());
    }

    @Test
    void singleNodeConfigIsLocalAndKeepsTheDefaults() {
        Config config = ConfigFactory.load("single-node");
        assertEquals("local", config.getString("pekko.actor.provider"));
        assertEquals(StmlSettings.defaults(), StmlSettings.load(config));
    }

    private static Set<String> referenceLeaves() {
        return ConfigFactory.defaultReferenceUnresolved().getConfig("stml").entrySet().stream()
                .map(entry -> "stml." + entry.getKey()).collect(Collectors.toCollection(TreeSet::new));
    }

    private static String commentAbove(List<String> lines, int index) {
        List<String> comment = new ArrayList<>();
        for (int i = index - 1; i >= 0; i--) {
            String line = lines.get(i).trim();
            if (line.startsWith("#") || line.startsWith("//")) {
                comment.add(0, line.replaceFirst("^(#|//)\\s?", ""));
            } else {
                break;
            }
        }
        return String.join(" ", comment);
    }

    private static String stmlReferenceText() throws IOException {
        for (URL url : Collections.list(ReferenceConfTest.class.getClassLoader().getResources("reference.conf"))) {
            try (InputStream in = url.openStream()) {
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                if (text.contains("\nstml {")) {
                    return text;
                }
            }
        }
        throw new AssertionError("no reference.conf with a stml section on the class path");
    }
}
