using FeedbackBot.Core.Conversations;
using FeedbackBot.Core.Messaging;

namespace FeedbackBot.Core.Surveys;

public enum QuestionType { Rating, SingleChoice, MultipleChoice, FreeText }

/// <summary>One question. Ratings use <paramref name="Min"/>..<paramref name="Max"/>; choices use <paramref name="Choices"/>.</summary>
public sealed record SurveyQuestion(string Id, QuestionType Type, string Text, bool Required, int Min = 0, int Max = 0, IReadOnlyList<string>? Choices = null)
{
    public IReadOnlyList<string> Options => Choices ?? [];
}
