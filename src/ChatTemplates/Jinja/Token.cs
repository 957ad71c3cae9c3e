namespace AdapterPipeline.ChatTemplates.Jinja;

internal enum TokenKind { Text, OpenStatement, CloseStatement, OpenExpression, CloseExpression, Name, String, Number, Symbol, End }

/// <summary>A lexed piece of a template; <see cref="Offset"/> points into the preprocessed source for error messages.</summary>
internal sealed record Token(TokenKind Kind, string Value, int Offset);
