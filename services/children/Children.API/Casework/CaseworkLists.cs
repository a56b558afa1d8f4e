using Children.API.Kpis;
using Children.API.Returns903;

namespace Children.API.Casework;

/// <summary>The casework lists the KPIs read: each record's checks, the row it becomes and its natural key.</summary>
public static class CaseworkLists
{
    public static readonly CaseworkList<VisitRecord, Visit> Visits = new(
        (visit, errors) =>
        {
            errors.Child(visit.Child);
            errors.Required("dueOn", visit.DueOn);
            if (visit.VisitedOn is { } visitedOn && visitedOn.Year < 1991) errors.Add("visitedOn", "must be a real visit date");
        },
        visit => new Visit(visit.Child!, visit.DueOn!.Value, visit.VisitedOn),
        visit => (visit.Child, visit.DueOn),
        rows =>
        {
            var children = rows.Select(visit => visit.Child).ToArray();
            var dueOns = rows.Select(visit => visit.DueOn).ToArray();
            var visitedOns = rows.Select(visit => visit.VisitedOn).ToArray();
            return $"""
                INSERT INTO statutory_visits (child, due_on, visited_on) SELECT * FROM unnest({children}, {dueOns}, {visitedOns})
                ON CONFLICT (child, due_on) DO UPDATE SET visited_on = EXCLUDED.visited_on
                """;
        });

    public static readonly CaseworkList<AssessmentRecord, Assessment> Assessments = new(
        (assessment, errors) =>
        {
            errors.Child(assessment.Child);
            errors.Required("startedOn", assessment.StartedOn);
            if (assessment.CompletedOn < assessment.StartedOn) errors.Add("completedOn", "must not be before startedOn");
        },
        assessment => new Assessment(assessment.Child!, assessment.StartedOn!.Value, assessment.CompletedOn),
        assessment => (assessment.Child, assessment.StartedOn),
        rows =>
        {
            var children = rows.Select(assessment => assessment.Child).ToArray();
            var startedOns = rows.Select(assessment => assessment.StartedOn).ToArray();
            var completedOns = rows.Select(assessment => assessment.CompletedOn).ToArray();
            return $"""
                INSERT INTO assessments (child, started_on, completed_on) SELECT * FROM unnest({children}, {startedOns}, {completedOns})
                ON CONFLICT (child, started_on) DO UPDATE SET completed_on = EXCLUDED.completed_on
                """;
        });

    public static readonly CaseworkList<PlanRecord, Plan> Plans = new(
        (plan, errors) =>
        {
            errors.Child(plan.Child);
            errors.Required("startedOn", plan.StartedOn);
            errors.Required("reviewDueOn", plan.ReviewDueOn);
            if (plan.EndedOn < plan.StartedOn) errors.Add("endedOn", "must not be before startedOn");
        },
        plan => new Plan(plan.Child!, plan.StartedOn!.Value, plan.EndedOn, plan.ReviewDueOn!.Value),
        plan => (plan.Child, plan.StartedOn),
        rows =>
        {
            var children = rows.Select(plan => plan.Child).ToArray();
            var startedOns = rows.Select(plan => plan.StartedOn).ToArray();
            var endedOns = rows.Select(plan => plan.EndedOn).ToArray();
            var reviewDueOns = rows.Select(plan => plan.ReviewDueOn).ToArray();
            return $"""
                INSERT INTO plans (child, started_on, ended_on, review_due_on) SELECT * FROM unnest({children}, {startedOns}, {endedOns}, {reviewDueOns})
                ON CONFLICT (child, started_on) DO UPDATE SET ended_on = EXCLUDED.ended_on, review_due_on = EXCLUDED.review_due_on
                """;
        });

    public static readonly CaseworkList<HealthAssessmentRecord, HealthAssessment> HealthAssessments = new(
        (assessment, errors) =>
        {
            errors.Child(assessment.Child);
            errors.Required("dueOn", assessment.DueOn);
            if (assessment.Kind is not ("Initial" or "Annual")) errors.Add("kind", "must be Initial or Annual");
        },
        assessment => new HealthAssessment(assessment.Child!, assessment.Kind!, assessment.DueOn!.Value, assessment.DoneOn),
        assessment => (assessment.Child, assessment.Kind, assessment.DueOn),
        rows =>
        {
            var children = rows.Select(assessment => assessment.Child).ToArray();
            var kinds = rows.Select(assessment => assessment.Kind).ToArray();
            var dueOns = rows.Select(assessment => assessment.DueOn).ToArray();
            var doneOns = rows.Select(assessment => assessment.DoneOn).ToArray();
            return $"""
                INSERT INTO health_assessments (child, kind, due_on, done_on) SELECT * FROM unnest({children}, {kinds}, {dueOns}, {doneOns})
                ON CONFLICT (child, kind, due_on) DO UPDATE SET done_on = EXCLUDED.done_on
                """;
        });

    public static readonly CaseworkList<ReturnInterviewRecord, ReturnInterview> ReturnInterviews = new(
        (interview, errors) =>
        {
            errors.Child(interview.Child);
            errors.Required("returnedOn", interview.ReturnedOn);
            errors.Required("interviewedOn", interview.InterviewedOn);
            if (interview.InterviewedOn < interview.ReturnedOn) errors.Add("interviewedOn", "must not be before returnedOn");
        },
        interview => new ReturnInterview(interview.Child!, interview.ReturnedOn!.Value, interview.InterviewedOn!.Value),
        interview => (interview.Child, interview.ReturnedOn),
        rows =>
        {
            var children = rows.Select(interview => interview.Child).ToArray();
            var returnedOns = rows.Select(interview => interview.ReturnedOn).ToArray();
            var interviewedOns = rows.Select(interview => interview.InterviewedOn).ToArray();
            return $"""
                INSERT INTO return_interviews (child, returned_on, interviewed_on) SELECT * FROM unnest({children}, {returnedOns}, {interviewedOns})
                ON CONFLICT (child, returned_on) DO UPDATE SET interviewed_on = EXCLUDED.interviewed_on
                """;
        });

    public static readonly CaseworkList<SocialWorkerRecord, SocialWorker> SocialWorkers = new(
        (worker, errors) =>
        {
            errors.Key("id", worker.Id);
            if (worker.Agency is null) errors.Add("agency", "is required: true for an agency worker");
            errors.Required("startedOn", worker.StartedOn);
        },
        worker => new SocialWorker(worker.Id!, worker.Agency!.Value, worker.StartedOn!.Value, worker.LeftOn),
        worker => worker.Id,
        rows =>
        {
            var ids = rows.Select(worker => worker.Id).ToArray();
            var agencies = rows.Select(worker => worker.Agency).ToArray();
            var startedOns = rows.Select(worker => worker.StartedOn).ToArray();
            var leftOns = rows.Select(worker => worker.LeftOn).ToArray();
            return $"""
                INSERT INTO social_workers (id, agency, started_on, left_on) SELECT * FROM unnest({ids}, {agencies}, {startedOns}, {leftOns})
                ON CONFLICT (id) DO UPDATE SET agency = EXCLUDED.agency, started_on = EXCLUDED.started_on, left_on = EXCLUDED.left_on
                """;
        });

    public static readonly CaseworkList<AllocationRecord, Allocation> Allocations = new(
        (allocation, errors) =>
        {
            errors.Child(allocation.Child);
            errors.Required("fromOn", allocation.FromOn);
            errors.Key("socialWorker", allocation.SocialWorker);
        },
        allocation => new Allocation(allocation.Child!, allocation.SocialWorker!, allocation.FromOn!.Value, allocation.ToOn),
        allocation => (allocation.Child, allocation.SocialWorker, allocation.FromOn),
        rows =>
        {
            var children = rows.Select(allocation => allocation.Child).ToArray();
            var socialWorkers = rows.Select(allocation => allocation.SocialWorker).ToArray();
            var fromOns = rows.Select(allocation => allocation.FromOn).ToArray();
            var toOns = rows.Select(allocation => allocation.ToOn).ToArray();
            return $"""
                INSERT INTO allocations (child, social_worker, from_on, to_on) SELECT * FROM unnest({children}, {socialWorkers}, {fromOns}, {toOns})
                ON CONFLICT (child, social_worker, from_on) DO UPDATE SET to_on = EXCLUDED.to_on
                """;
        });

    public static readonly CaseworkList<PostcodeRecord, PostcodeCentroid> Postcodes = new(
        (centroid, errors) =>
        {
            if (centroid.Postcode is null || !CodeLists.IsPostcode(centroid.Postcode)) errors.Add("postcode", "must be a UK postcode or sector (S60 2)");
            if (centroid.Latitude is not (>= 49 and <= 61)) errors.Add("latitude", "must be a UK latitude, 49 to 61");
            if (centroid.Longitude is not (>= -9 and <= 2)) errors.Add("longitude", "must be a UK longitude, -9 to 2");
        },
        centroid => new PostcodeCentroid(Kpis.Postcodes.Normalise(centroid.Postcode!), centroid.Latitude!.Value, centroid.Longitude!.Value),
        centroid => centroid.Postcode,
        rows =>
        {
            var postcodes = rows.Select(centroid => centroid.Postcode).ToArray();
            var latitudes = rows.Select(centroid => centroid.Latitude).ToArray();
            var longitudes = rows.Select(centroid => centroid.Longitude).ToArray();
            return $"""
                INSERT INTO postcodes (postcode, latitude, longitude) SELECT * FROM unnest({postcodes}, {latitudes}, {longitudes})
                ON CONFLICT (postcode) DO UPDATE SET latitude = EXCLUDED.latitude, longitude = EXCLUDED.longitude
                """;
        });
}
