namespace FeedbackBot.Templating;

internal enum TokenKind { Identifier, Number, String, Symbol, End }

internal sealed record Token(TokenKind Kind, string Text);

internal static class ExpressionLexer
{
    private static readonly string[] Symbols = ["==", "!=", "<=", ">=", "&&", "||", "<", ">", "!", "(", ")", "[", "]", ".", ","];

    public static IReadOnlyList<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (true)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i])) i++;
            if (i == text.Length) break;
            var token = Read(text, i);
            tokens.Add(token.Token);
            i = token.Next;
        }
        tokens.Add(new Token(TokenKind.End, "end of expression"));
        return tokens;
    }

    private static (Token Token, int Next) Read(string text, int start)
    {
        var c = text[start];
        if (char.IsAsciiLetter(c) || c is '_' or '$') return ReadWhile(text, start, TokenKind.Identifier, ch => char.IsAsciiLetterOrDigit(ch) || ch == '_', 1);
        if (char.IsAsciiDigit(c)) return ReadNumber(text, start);
        if (c == '\'') return ReadString(text, start);
        if (c == '"') throw new ExpressionSyntaxException("use single quotes for text ('like this')");
        foreach (var symbol in Symbols)
        {
            if (string.CompareOrdinal(text, start, symbol, 0, symbol.Length) == 0) return (new Token(TokenKind.Symbol, symbol), start + symbol.Length);
        }
        throw new ExpressionSyntaxException($"'{c}' is not supported");
    }

    private static (Token, int) ReadWhile(string text, int start, TokenKind kind, Func<char, bool> accept, int skip = 0)
    {
        var end = start + skip;
        while (end < text.Length && accept(text[end])) end++;
        return (new Token(kind, text[start..end]), end);
    }

    private static (Token, int) ReadNumber(string text, int start)
    {
        var (token, end) = ReadWhile(text, start, TokenKind.Number, char.IsAsciiDigit);
        if (end + 1 < text.Length && text[end] == '.' && char.IsAsciiDigit(text[end + 1]))
        {
            (_, end) = ReadWhile(text, end + 1, TokenKind.Number, char.IsAsciiDigit);
            token = new Token(TokenKind.Number, text[start..end]);
        }
        if (end < text.Length && (char.IsAsciiLetter(text[end]) || text[end] == '.')) throw new ExpressionSyntaxException($"'{text[start..(end + 1)]}' is not a supported number");
        return (token, end);
    }

    private static (Token, int) ReadString(string text, int start)
    {
        var end = text.IndexOf('\'', start + 1);
        if (end < 0) throw new ExpressionSyntaxException("a text in single quotes is not closed");
        return (new Token(TokenKind.String, text[(start + 1)..end]), end + 1);
    }
}
