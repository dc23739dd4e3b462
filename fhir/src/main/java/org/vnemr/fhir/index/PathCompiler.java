package org.vnemr.fhir.index;

import ca.uhn.fhir.context.BaseRuntimeChildDefinition;
import ca.uhn.fhir.context.BaseRuntimeElementCompositeDefinition;
import ca.uhn.fhir.context.BaseRuntimeElementDefinition;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeResourceDefinition;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compiles the FHIRPath subset used by nearly all R4 search parameters into {@link CompiledPath}s, resolving
 * element and choice types against HAPI's model definitions once, at start-up.
 *
 * <p>Supported: element paths ({@code Patient.name.given}, also without the type prefix), unions
 * ({@code a | b}), parentheses, choice types by {@code as T}, {@code as(T)} and {@code ofType(T)}, indexers
 * ({@code entry[0]}), {@code where(resolve() is T)}, {@code where(child = 'literal')} and the boolean
 * {@code X.exists() and X != false}. Anything else is refused, and the caller falls back to HAPI's engine.
 */
final class PathCompiler {

    /** {@code X.exists() and X != false}, e.g. Patient.deceased: a boolean that is never empty. */
    private static final Pattern EXISTS_AND_NOT_FALSE =
            Pattern.compile("([A-Za-z.]+)\\.exists\\(\\) and ([A-Za-z.]+) != false");

    private final FhirContext fhirContext;

    PathCompiler(FhirContext fhirContext) {
        this.fhirContext = fhirContext;
    }

    /** The compiled expression, or empty when it uses something outside the supported subset. */
    Optional<CompiledPath> compile(String resourceType, String expression) {
        try {
            Matcher presence = EXISTS_AND_NOT_FALSE.matcher(expression.strip());
            if (presence.matches() && presence.group(1).equals(presence.group(2))) {
                CompiledPath inner = compile(resourceType, presence.group(1)).orElseThrow(() -> new Unsupported("inner"));
                return Optional.of(new CompiledPath(List.of(new CompiledPath.ExistsAndNotFalse(inner))));
            }
            List<List<Op>> chains = new Parser(expression).parseAll();
            RuntimeResourceDefinition root = fhirContext.getResourceDefinition(resourceType);
            List<CompiledPath.Step> compiled = new ArrayList<>();
            for (List<Op> chain : chains) {
                CompiledPath.Step first = compileChain(root, chain);
                if (first != null) {
                    compiled.add(first);
                }
            }
            return Optional.of(new CompiledPath(compiled));
        } catch (Unsupported e) {
            return Optional.empty();
        }
    }

    // ---- type resolution ---------------------------------------------------------------------------------

    private CompiledPath.Step compileChain(RuntimeResourceDefinition root, List<Op> ops) {
        List<Op> rest = ops;
        if (!rest.isEmpty() && rest.get(0) instanceof ChildOp c
                && (c.name.equals(root.getName()) || c.name.equals("Resource") || c.name.equals("DomainResource"))) {
            rest = rest.subList(1, rest.size());
        }
        if (rest.isEmpty()) {
            throw new Unsupported("the resource itself");
        }
        List<BaseRuntimeElementDefinition<?>> current = List.of(root);
        CompiledPath.Step first = null;
        CompiledPath.Step last = null;
        CompiledPath.Child lastChild = null;
        List<BaseRuntimeElementDefinition<?>> lastChildOut = null;
        for (Op op : rest) {
            CompiledPath.Step step;
            if (op instanceof ChildOp c) {
                List<String> inTypes = new ArrayList<>();
                List<String> jsonNames = new ArrayList<>();
                List<BaseRuntimeElementDefinition<?>> out = new ArrayList<>();
                for (BaseRuntimeElementDefinition<?> def : current) {
                    if (!(def instanceof BaseRuntimeElementCompositeDefinition<?> composite)) {
                        continue;
                    }
                    for (BaseRuntimeChildDefinition child : composite.getChildren()) {
                        if (!c.name.equals(child.getElementName())) {
                            continue;
                        }
                        for (String validName : child.getValidChildNames()) {
                            BaseRuntimeElementDefinition<?> childDef = child.getChildByName(validName);
                            if (childDef == null) {
                                continue;
                            }
                            inTypes.add(current.size() == 1 ? null : def.getName());
                            jsonNames.add(validName);
                            out.add(childDef);
                        }
                    }
                }
                if (jsonNames.isEmpty()) {
                    throw new Unsupported("unknown element " + c.name);
                }
                lastChild = new CompiledPath.Child(inTypes.toArray(String[]::new), jsonNames.toArray(String[]::new),
                        out.stream().map(BaseRuntimeElementDefinition::getName).toArray(String[]::new));
                lastChildOut = out;
                current = out;
                step = lastChild;
            } else if (op instanceof AsOp as) {
                if (lastChild == null || last != lastChild) {
                    throw new Unsupported("type filter not right after an element");
                }
                List<Integer> keep = new ArrayList<>();
                for (int i = 0; i < lastChild.outTypes.length; i++) {
                    if (lastChild.outTypes[i].equals(as.type)) {
                        keep.add(i);
                    }
                }
                if (keep.isEmpty()) {
                    return null; // statically empty branch
                }
                CompiledPath.Child from = lastChild;
                CompiledPath.Child narrowed = new CompiledPath.Child(
                        keep.stream().map(i -> from.inTypes[i]).toArray(String[]::new),
                        keep.stream().map(i -> from.jsonNames[i]).toArray(String[]::new),
                        keep.stream().map(i -> from.outTypes[i]).toArray(String[]::new));
                narrowed.index = lastChild.index;
                List<BaseRuntimeElementDefinition<?>> narrowedOut = new ArrayList<>();
                for (int i : keep) {
                    narrowedOut.add(lastChildOut.get(i));
                }
                // replace lastChild in the chain
                if (first == lastChild) {
                    first = narrowed;
                } else {
                    CompiledPath.Step s = first;
                    while (s.next != lastChild) {
                        s = s.next;
                    }
                    s.next = narrowed;
                }
                last = narrowed;
                lastChild = narrowed;
                lastChildOut = narrowedOut;
                current = narrowedOut;
                continue;
            } else if (op instanceof IndexOp index) {
                if (lastChild == null || last != lastChild || lastChild.index >= 0) {
                    throw new Unsupported("indexer not right after an element");
                }
                lastChild.index = index.index;
                continue;
            } else if (op instanceof WhereResolveOp w) {
                step = new CompiledPath.WhereResolveIs(w.type);
            } else if (op instanceof WhereEqualsOp w) {
                step = new CompiledPath.WhereEquals(w.child, w.literal);
            } else {
                throw new Unsupported("unknown operation");
            }
            if (first == null) {
                first = step;
            } else {
                last.next = step;
            }
            last = step;
        }
        return first;
    }

    // ---- syntax --------------------------------------------------------------------------------------------

    private sealed interface Op permits ChildOp, AsOp, IndexOp, WhereResolveOp, WhereEqualsOp {
    }

    private record ChildOp(String name) implements Op {
    }

    private record AsOp(String type) implements Op {
    }

    private record IndexOp(int index) implements Op {
    }

    private record WhereResolveOp(String type) implements Op {
    }

    private record WhereEqualsOp(String child, String literal) implements Op {
    }

    static final class Unsupported extends RuntimeException {
        Unsupported(String message) {
            super(message, null, false, false);
        }
    }

    /** Recursive descent over the supported subset; a union yields one chain per branch. */
    private static final class Parser {
        private final String text;
        private int pos;

        Parser(String text) {
            this.text = text;
        }

        List<List<Op>> parseAll() {
            List<List<Op>> result = union();
            skipSpaces();
            if (pos != text.length()) {
                throw new Unsupported("unexpected '" + text.substring(pos) + "'");
            }
            return result;
        }

        private List<List<Op>> union() {
            List<List<Op>> result = new ArrayList<>(typed());
            while (peek('|')) {
                pos++;
                result.addAll(typed());
            }
            return result;
        }

        private List<List<Op>> typed() {
            List<List<Op>> chains = postfix();
            skipSpaces();
            if (lookingAtWord("as")) {
                pos += 2;
                String type = identifier();
                append(chains, new AsOp(type));
            }
            return chains;
        }

        private List<List<Op>> postfix() {
            List<List<Op>> chains;
            if (peek('(')) {
                pos++;
                chains = union();
                expect(')');
            } else {
                List<Op> chain = new ArrayList<>();
                chain.add(new ChildOp(identifier()));
                chains = new ArrayList<>();
                chains.add(chain);
            }
            while (true) {
                if (peek('.')) {
                    pos++;
                    String name = identifier();
                    if (peek('(')) {
                        pos++;
                        append(chains, function(name));
                        expect(')');
                    } else {
                        append(chains, new ChildOp(name));
                    }
                } else if (peek('[')) {
                    pos++;
                    int start = pos;
                    while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                        pos++;
                    }
                    if (start == pos) {
                        throw new Unsupported("indexer");
                    }
                    int index = Integer.parseInt(text.substring(start, pos));
                    expect(']');
                    append(chains, new IndexOp(index));
                } else {
                    return chains;
                }
            }
        }

        private Op function(String name) {
            switch (name) {
                case "as", "ofType" -> {
                    return new AsOp(identifier());
                }
                case "where" -> {
                    String first = identifier();
                    if (first.equals("resolve")) {
                        expect('(');
                        expect(')');
                        skipSpaces();
                        if (!lookingAtWord("is")) {
                            throw new Unsupported("resolve() without is");
                        }
                        pos += 2;
                        return new WhereResolveOp(identifier());
                    }
                    expect('=');
                    return new WhereEqualsOp(first, stringLiteral());
                }
                default -> throw new Unsupported("function " + name);
            }
        }

        private static void append(List<List<Op>> chains, Op op) {
            for (List<Op> chain : chains) {
                chain.add(op);
            }
        }

        private String identifier() {
            skipSpaces();
            int start = pos;
            while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
                pos++;
            }
            if (start == pos || !Character.isLetter(text.charAt(start))) {
                throw new Unsupported("identifier expected at " + start);
            }
            return text.substring(start, pos);
        }

        private String stringLiteral() {
            skipSpaces();
            if (pos >= text.length() || text.charAt(pos) != '\'') {
                throw new Unsupported("string literal expected");
            }
            int end = text.indexOf('\'', pos + 1);
            if (end < 0 || text.substring(pos + 1, end).indexOf('\\') >= 0) {
                throw new Unsupported("string literal");
            }
            String literal = text.substring(pos + 1, end);
            pos = end + 1;
            return literal;
        }

        private boolean lookingAtWord(String word) {
            return text.startsWith(word, pos) && pos + word.length() < text.length()
                    && !Character.isLetterOrDigit(text.charAt(pos + word.length()))
                    && text.charAt(pos + word.length()) != '(';
        }

        private boolean peek(char c) {
            skipSpaces();
            return pos < text.length() && text.charAt(pos) == c;
        }

        private void expect(char c) {
            if (!peek(c)) {
                throw new Unsupported("'" + c + "' expected at " + pos);
            }
            pos++;
        }

        private void skipSpaces() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }
    }
}
