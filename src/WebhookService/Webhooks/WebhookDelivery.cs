using AdapterPipeline.Contracts.Webhooks;

namespace AdapterPipeline.WebhookService.Webhooks;

/// <summary>
/// One webhook message to one URL and every attempt to send it (a Marten document). <see cref="NextAttemptAt"/> is
/// duplicated into a column: the dispatcher claims rows where it is due. Changes are pure (<c>this with { … }</c>).
/// </summary>
public sealed record WebhookDelivery
{
    public const string Pending = "pending";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
    public const string Disabled = "disabled";

    /// <summary>Oldest attempts are dropped beyond this, so a delivery redelivered again and again stays small.</summary>
    public const int MaxAttemptsKept = 100;

    public Guid Id { get; init; }
    public string UserId { get; init; } = "";

    /// <summary>Null for a job's own <c>webhook_url</c>, which is signed with the user's job webhook secret.</summary>
    public Guid? SubscriptionId { get; init; }

    public string EventType { get; init; } = "";
    public string Url { get; init; } = "";

    /// <summary>The exact body sent on every attempt.</summary>
    public string Payload { get; init; } = "";

    public string State { get; init; } = Pending;

    /// <summary>Truncated to microseconds, as PostgreSQL keeps it, so the paging cursor compares exactly.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the dispatcher should next pick it up: the next attempt, or the end of a claim's lease. Null when settled.</summary>
    public DateTimeOffset? NextAttemptAt { get; init; }

    /// <summary>Attempts since the delivery was created or last redelivered; indexes the retry schedule.</summary>
    public int AttemptsThisRound { get; init; }

    public List<WebhookAttempt> Attempts { get; init; } = [];

    /// <summary>Set while one dispatcher sends it; only that dispatcher's result is recorded.</summary>
    public Guid? ClaimToken { get; init; }

    /// <summary>A redelivery asked for while an attempt was in flight: sent again right after it.</summary>
    public bool RedeliveryRequested { get; init; }

    /// <summary>
    /// The W3C trace context of the event that caused it; every attempt is traced as part of that trace (a job's
    /// trace runs from its train request to its webhooks).
    /// </summary>
    public string? TraceParent { get; init; }

    public string MessageId => $"msg_{Id:N}";

    public static WebhookDelivery Create(Guid id, WebhookEvent e, string userId, Guid? subscriptionId, string url, DateTimeOffset now, RetrySchedule schedule)
    {
        var createdAt = new DateTimeOffset(now.UtcTicks - now.UtcTicks % 10, TimeSpan.Zero);
        return new WebhookDelivery
        {
            Id = id,
            UserId = userId,
            SubscriptionId = subscriptionId,
            EventType = e.Type,
            Url = url,
            Payload = e.ToPayload(),
            CreatedAt = createdAt,
            NextAttemptAt = createdAt + schedule.First,
        };
    }

    /// <summary>Reserves it for one sender until the lease runs out (then another instance may take it over).</summary>
    public WebhookDelivery Claim(Guid token, DateTimeOffset now, TimeSpan lease) =>
        this with { ClaimToken = token, NextAttemptAt = now + lease };

    public WebhookDelivery Record(WebhookAttemptOutcome outcome, DateTimeOffset now, RetrySchedule schedule)
    {
        var attempts = Attempts.Append(outcome.Attempt).TakeLast(MaxAttemptsKept).ToList();
        var done = this with { Attempts = attempts, ClaimToken = null, RedeliveryRequested = false, AttemptsThisRound = AttemptsThisRound + 1 };
        if (RedeliveryRequested && outcome.Kind != WebhookAttemptOutcome.Result.Gone)
        {
            return done with { State = Pending, AttemptsThisRound = 0, NextAttemptAt = now };
        }
        switch (outcome.Kind)
        {
            case WebhookAttemptOutcome.Result.Delivered:
                return done with { State = Succeeded, NextAttemptAt = null };
            case WebhookAttemptOutcome.Result.Gone:
                return done with { State = Disabled, NextAttemptAt = null };
            case WebhookAttemptOutcome.Result.Unsendable:
                return done with { State = Failed, NextAttemptAt = null };
            default:
                var delay = schedule.AfterFailures(done.AttemptsThisRound);
                return delay is null
                    ? done with { State = Failed, NextAttemptAt = null }
                    : done with { State = Pending, NextAttemptAt = now + delay.Value };
        }
    }

    /// <summary>Its subscription is gone or disabled: nothing more is sent.</summary>
    public WebhookDelivery Disable() => this with { State = Disabled, NextAttemptAt = null, ClaimToken = null, RedeliveryRequested = false };

    /// <summary>Send again now with the schedule started afresh; while an attempt is in flight, right after it.</summary>
    public WebhookDelivery Redeliver(DateTimeOffset now) =>
        ClaimToken is not null && NextAttemptAt > now
            ? this with { State = Pending, RedeliveryRequested = true }
            : this with { State = Pending, AttemptsThisRound = 0, NextAttemptAt = now, ClaimToken = null, RedeliveryRequested = false };

    public WebhookDeliveryDetails ToDetails() =>
        new(Id, MessageId, UserId, SubscriptionId, EventType, Url, State, CreatedAt, State == Pending ? NextAttemptAt : null, Attempts);
}

/// <summary>How one attempt ended, and what that means for the delivery.</summary>
public sealed record WebhookAttemptOutcome(WebhookAttemptOutcome.Result Kind, WebhookAttempt Attempt)
{
    public enum Result
    {
        /// <summary>2xx.</summary>
        Delivered,
        /// <summary>Another status, a redirect, a timeout or a connection error: retried on schedule.</summary>
        Failed,
        /// <summary>410 Gone: the receiver wants no more; the subscription is disabled.</summary>
        Gone,
        /// <summary>The URL can never be called (e.g. not http); not retried.</summary>
        Unsendable,
    }
}
