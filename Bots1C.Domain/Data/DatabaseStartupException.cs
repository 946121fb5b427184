namespace Bots1C.Domain.Data;

/// <summary>The database cannot be opened or migrated; the message is one line an administrator can act on.</summary>
public class DatabaseStartupException(string message, Exception inner) : Exception(message, inner);
