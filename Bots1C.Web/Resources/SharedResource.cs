namespace Bots1C.Web.Resources;

/// <summary>Anchor type for the ru/en string tables in this folder (SharedResource.resx, SharedResource.ru.resx).</summary>
public sealed class SharedResource;
