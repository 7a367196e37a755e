namespace FeedbackBot.Core.GoToMarket;

/// <summary>When owners and the PM hear about a plan (from <c>GoToMarket:*</c>).</summary>
public sealed record GtmSettings(int DueSoonDays, int SummaryDaysBefore, int FollowUpAfterDays);
