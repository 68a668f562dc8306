package io.failover.agents.core.outcome;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One row per rule of the SPEC section 4 table, plus the providers' documented error shapes. */
class ClassifierTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
      # case                                            | result  | status | errorType              | errorCode                          | message                                                                   | kind
      success                                           | success | -      | -                      | -                                  | -                                                                         | success
      success wins over any status                      | success | 500    | api_error              | -                                  | -                                                                         | success
      401                                               | error   | 401    | -                      | -                                  | -                                                                         | auth
      403                                               | error   | 403    | -                      | -                                  | -                                                                         | auth
      Anthropic 401 authentication_error                | error   | 401    | authentication_error   | -                                  | invalid x-api-key                                                         | auth
      permission_error without a status                 | error   | -      | permission_error       | -                                  | -                                                                         | auth
      invalid_api_key without a status                  | error   | -      | invalid_api_key        | -                                  | -                                                                         | auth
      unauthorized without a status                     | error   | -      | unauthorized           | -                                  | -                                                                         | auth
      errorType matched case-insensitively              | error   | -      | Authentication_Error   | -                                  | -                                                                         | auth
      auth wins over a quota body (first match)         | error   | 403    | insufficient_quota     | -                                  | -                                                                         | auth
      402                                               | error   | 402    | -                      | -                                  | -                                                                         | quota
      DeepSeek 402 Insufficient Balance                 | error   | 402    | -                      | -                                  | Insufficient Balance                                                      | quota
      OpenAI 429 insufficient_quota                     | error   | 429    | insufficient_quota     | insufficient_quota                 | You exceeded your current quota, please check your plan and billing details. | quota
      billing_error                                     | error   | 400    | billing_error          | -                                  | -                                                                         | quota
      credit_balance_exhausted as 429                   | error   | 429    | rate_limit_error       | credit_balance_exhausted           | -                                                                         | quota
      organization_spend_limit_exceeded as 400          | error   | 400    | invalid_request_error  | organization_spend_limit_exceeded  | -                                                                         | quota
      project_spend_limit_exceeded                      | error   | 429    | -                      | project_spend_limit_exceeded       | -                                                                         | quota
      organization_usage_limit_exceeded                 | error   | 429    | -                      | organization_usage_limit_exceeded  | -                                                                         | quota
      enforced_spend_limit_reached                      | error   | 400    | -                      | enforced_spend_limit_reached       | -                                                                         | quota
      Anthropic 400 credit balance too low              | error   | 400    | invalid_request_error  | -                                  | Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits. | quota
      Anthropic 400 usage limit reached                 | error   | 400    | invalid_request_error  | -                                  | You have reached your specified API usage limits. You will regain access on 2026-12-01 at 00:00 UTC. | quota
      Anthropic 429 credit balance too low              | error   | 429    | rate_limit_error       | -                                  | Your credit balance is too low to access the Anthropic API.                | quota
      Claude Code CLI credit balance text               | error   | 400    | invalid_request_error  | -                                  | Credit balance is too low                                                 | quota
      Claude Code CLI 429 spend limit text              | error   | 429    | rate_limit_error       | -                                  | API Error: Request rejected (429) · You have reached your organization's spend limit. | quota
      400 spend limit reached                           | error   | 400    | invalid_request_error  | -                                  | Your workspace spend limit has been reached.                              | quota
      429 spend limit exceeded                          | error   | 429    | -                      | -                                  | You have exceeded the monthly spend limit of your organization.           | quota
      429 usage limit reached                           | error   | 429    | rate_limit_error       | -                                  | Claude AI usage limit reached                                             | quota
      429 hit the usage limit                           | error   | 429    | -                      | -                                  | You've hit your usage limit                                               | quota
      quota message on a 500 is a server error          | error   | 500    | -                      | -                                  | Your credit balance is too low                                            | serverError
      quota message on a 404 is other                   | error   | 404    | -                      | -                                  | You have reached your specified API usage limits.                         | other
      quota message without a status is other           | error   | -      | -                      | -                                  | Credit balance is too low                                                 | other
      auth wins over a quota message (first match)      | error   | 401    | -                      | -                                  | Credit balance is too low                                                 | auth
      a rate limit message stays a rate limit           | error   | 429    | rate_limit_error       | -                                  | This request would exceed the rate limit for your organization of 50 requests per minute. | rateLimit
      a per-minute limit is not a usage limit           | error   | 429    | rate_limit_error       | -                                  | Number of request tokens has exceeded your per-minute rate limit          | rateLimit
      429                                               | error   | 429    | -                      | -                                  | -                                                                         | rateLimit
      Anthropic 429 rate_limit_error with retry-after   | error   | 429    | rate_limit_error       | -                                  | Number of request tokens has exceeded your per-minute rate limit          | rateLimit
      500                                               | error   | 500    | -                      | -                                  | -                                                                         | serverError
      502                                               | error   | 502    | -                      | -                                  | -                                                                         | serverError
      503                                               | error   | 503    | -                      | -                                  | -                                                                         | serverError
      504                                               | error   | 504    | -                      | -                                  | -                                                                         | serverError
      Anthropic 529 overloaded_error                    | error   | 529    | overloaded_error       | -                                  | Overloaded                                                                | serverError
      DeepSeek 503 Server Overloaded                    | error   | 503    | -                      | -                                  | Server Overloaded                                                         | serverError
      Ollama 503 queue full                             | error   | 503    | -                      | -                                  | server busy, please try again.  maximum pending requests exceeded         | serverError
      api_error without a status                        | error   | -      | api_error              | -                                  | -                                                                         | serverError
      server_is_overloaded without a status             | error   | -      | server_is_overloaded   | -                                  | -                                                                         | serverError
      400 invalid request                               | error   | 400    | invalid_request_error  | -                                  | max_tokens: 100000 > 64000                                                | other
      404                                               | error   | 404    | not_found_error        | -                                  | -                                                                         | other
      413                                               | error   | 413    | request_too_large      | -                                  | -                                                                         | other
      501 is not a listed server error                  | error   | 501    | -                      | -                                  | -                                                                         | other
      error with nothing known                          | error   | -      | -                      | -                                  | -                                                                         | other
      """)
  void classifies(String description, String result, Integer status, String errorType, String errorCode,
      String message, String expectedKind) {
    Report report = "success".equals(result) ? Report.succeeded() : Report.error(status, errorType, errorCode, message);

    assertThat(Classifier.classify(report).wireName()).isEqualTo(expectedKind);
  }
}
