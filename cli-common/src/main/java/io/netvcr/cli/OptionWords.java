package io.netvcr.cli;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import picocli.CommandLine;

/**
 * An option whose value is one of the words of an {@link OptionWord} enum: a subclass naming the enum is both the
 * option's {@code converter} and its {@code completionCandidates}, so picocli refuses a wrong word while parsing
 * (a usage error, 64, naming the option and the words), and help ({@code ${COMPLETION-CANDIDATES}}) and shell
 * completion list the words. A subclass per enum, with a constructor without arguments, because picocli (and
 * {@link ModelCache}) make converters from their class alone.
 *
 * <p>Words match ignoring case and surrounding blanks, as the hand-written checks these options had before
 * accepted them (prep's {@code --payload PAD}, replay's {@code --prefetch Inline}). picocli's own enum
 * conversion is not used: it matches the constant's name (PAD) and lists names, not words.
 */
public abstract class OptionWords<E extends Enum<E> & OptionWord>
        implements CommandLine.ITypeConverter<E>, Iterable<String> {
    private final Class<E> type;

    protected OptionWords(Class<E> type) {
        this.type = type;
    }

    @Override
    public final E convert(String value) {
        String word = value.trim();
        for (E c : type.getEnumConstants()) {
            if (c.word().equalsIgnoreCase(word)) {
                return c;
            }
        }
        throw new CommandLine.TypeConversionException("expected " + choices() + ", not '" + value + "'");
    }

    /** The words in the enum's order, as help and completion offer them. */
    @Override
    public final Iterator<String> iterator() {
        return words().iterator();
    }

    public final List<String> words() {
        List<String> words = new ArrayList<>();
        for (E c : type.getEnumConstants()) {
            words.add(c.word());
        }
        return words;
    }

    /** "a, b or c", as a sentence names them. */
    private String choices() {
        List<String> w = words();
        int last = w.size() - 1;
        return last == 0 ? w.get(0) : String.join(", ", w.subList(0, last)) + " or " + w.get(last);
    }
}
