namespace Intervention.Messaging;

/// <summary>
/// Thrown by a consumer for a message that can never be processed as it stands (a field breaks a rule, it
/// contradicts what is recorded). Retrying cannot help, so it is not retried: it goes to the queue's
/// <c>_error</c> queue at once, with this reason in its fault headers, to be seen, corrected and replayed.
/// </summary>
public class MessageRefusedException(string message) : Exception(message);
