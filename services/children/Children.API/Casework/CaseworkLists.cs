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
            var children = rows.Select(visit => visit.Child).Distinct().ToArray();
            return stored => children.Contains(stored.Child);
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
            var children = rows.Select(assessment => assessment.Child).Distinct().ToArray();
            return stored => children.Contains(stored.Child);
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
            var children = rows.Select(plan => plan.Child).Distinct().ToArray();
            return stored => children.Contains(stored.Child);
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
            var children = rows.Select(assessment => assessment.Child).Distinct().ToArray();
            return stored => children.Contains(stored.Child);
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
            var children = rows.Select(interview => interview.Child).Distinct().ToArray();
            return stored => children.Contains(stored.Child);
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
            var ids = rows.Select(worker => worker.Id).Distinct().ToArray();
            return stored => ids.Contains(stored.Id);
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
            var children = rows.Select(allocation => allocation.Child).Distinct().ToArray();
            return stored => children.Contains(stored.Child);
        });

    public static readonly CaseworkList<PostcodeRecord, PostcodeCentroid> Postcodes = new(
        (centroid, errors) =>
        {
            if (centroid.Postcode is null || !Codes.IsPostcode(centroid.Postcode)) errors.Add("postcode", "must be a UK postcode or sector (S60 2)");
            if (centroid.Latitude is not (>= 49 and <= 61)) errors.Add("latitude", "must be a UK latitude, 49 to 61");
            if (centroid.Longitude is not (>= -9 and <= 2)) errors.Add("longitude", "must be a UK longitude, -9 to 2");
        },
        centroid => new PostcodeCentroid(Kpis.Postcodes.Normalise(centroid.Postcode!), centroid.Latitude!.Value, centroid.Longitude!.Value),
        centroid => centroid.Postcode,
        rows =>
        {
            var postcodes = rows.Select(centroid => centroid.Postcode).Distinct().ToArray();
            return stored => postcodes.Contains(stored.Postcode);
        });
}
