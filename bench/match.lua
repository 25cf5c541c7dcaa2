-- POST /api/v1/programs/match with a mid-career Ontario producer's profile.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"profile":{"province":"ON","producing_credits":4,"interests":["financing","coproduction"],"audiences":[]},"limit":20}'
