namespace Bots1C.Domain.Data;

/// <summary>The database cannot be opened or migrated; the message is one line an administrator can act on.</summary>
public class DatabaseStartupException : Exception
{
    public DatabaseStartupException(string message) : base(message) { }

    public DatabaseStartupException(string message, Exception inner) : base(message, inner) { }
}
